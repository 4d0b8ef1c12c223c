//! Shared set-up for the file-based fuzz targets: one small, valid site per process
//! (the `plansite new` scaffold plus a few extra sentences with figures), into which each
//! iteration writes the fuzzed file before building with `output: None` (nothing is written).

use plansite::build::{BuildOptions, build};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A few more sentences with figures, so quotes and figures of fuzzed sheets can match.
const EXTRA_ZH: &str = "\n## 三、保障措施\n\n到2025年，规上工业企业达到1,000家，新增“品字标”企业10家以上。\n\n\
                        | 指标 | 目标 |\n|---|---|\n| 质量竞争力指数 | 86以上 |\n\n\
                        质量强市建设持续推进[^1]，空气质量优良天数比例达到９５％。\n\n[^1]: 注释。\n";
const EXTRA_EN: &str = "\n## III. Safeguards\n\nBy 2025 there are 1,000 industrial enterprises above \
                        designated size and 10 more \"Pin\" brand firms.\n\n| Indicator | Target |\n|---|---|\n\
                        | Quality competitiveness index | above 86 |\n\nThe Quality-Strong City initiative \
                        continues[^1]; good air days reach 95%.\n\n[^1]: Note.\n";

pub struct Site {
    _dir: tempfile::TempDir,
    pub content: PathBuf,
}

/// The scaffold site, created once per process and reused by every iteration.
pub static SITE: LazyLock<Site> = LazyLock::new(|| {
    let dir = tempfile::Builder::new()
        .prefix("plansite-fuzz-")
        .tempdir()
        .expect("temp dir");
    plansite::scaffold::create(dir.path()).expect("scaffold");
    let content = dir.path().join("content");
    for (file, extra) in [("example-2026.zh.md", EXTRA_ZH), ("example-2026.en.md", EXTRA_EN)] {
        let path = content.join("plans").join(file);
        let mut text = std::fs::read_to_string(&path).expect("scaffold plan");
        text.push_str(extra);
        std::fs::write(&path, text).expect("write plan");
    }
    Site { _dir: dir, content }
});

/// Writes `data` as `rel` in the site, builds without output, renders every diagnostic the
/// way the CLI prints it (quoting the offending line), and returns whether the build succeeded.
/// Errors are fine; only a panic (or a hang, or a crash) is a finding. With
/// `PLANSITE_FUZZ_VERBOSE` set, the diagnostics are printed (to see what an input does).
pub fn build_with(rel: &str, data: &[u8]) -> bool {
    let site = &*SITE;
    let path: &Path = &site.content.join(rel);
    std::fs::write(path, data).expect("write fuzzed file");
    let result = build(&BuildOptions {
        source: site.content.clone(),
        output: None,
        search: Some(false),
        ..Default::default()
    });
    let diags = match &result {
        Ok(report) => &report.warnings,
        Err(diags) => diags,
    };
    let verbose = std::env::var_os("PLANSITE_FUZZ_VERBOSE").is_some();
    let mut sources = plansite::diagnostics::SourceCache::default();
    for d in diags {
        let text = std::hint::black_box(d.render_with(&mut sources));
        if verbose {
            eprintln!("{text}");
        }
    }
    result.is_ok()
}
