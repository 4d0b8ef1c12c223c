//! Writing a record: the sections marked reviewed take the source text as it is now.

use super::SourceSection;
use crate::content::{SectionSource, TranslationRecord};
use std::path::{Path, PathBuf};

/// `record` with the sections named in `only` (every section when empty) marked reviewed on
/// `date` against `sections`; sections the source no longer has are dropped. Returns the
/// record and how many sections were marked.
pub fn mark_reviewed(
    record: &TranslationRecord,
    sections: &[SourceSection],
    only: &[String],
    date: &str,
) -> (TranslationRecord, usize) {
    let mut out = TranslationRecord::default();
    let mut marked = 0;
    for s in sections {
        if only.is_empty() || only.contains(&s.id) {
            marked += 1;
            let entry = SectionSource {
                reviewed: date.to_string(),
                fingerprint: s.fingerprint.clone(),
                text: s.text.clone(),
            };
            out.sections.insert(s.id.clone(), entry);
        } else if let Some(old) = record.sections.get(&s.id) {
            out.sections.insert(s.id.clone(), old.clone());
        }
    }
    (out, marked)
}

/// Writes `record` of `plan`'s edition in `lang` to `source/translations/<plan>.<lang>.yaml`
/// through a temporary file (an interrupted run leaves the old record whole); `translated` and
/// `from` are the two plan files, named in the header. Returns the path written.
pub fn save(
    source: &Path,
    (plan, lang): (&str, &str),
    record: &TranslationRecord,
    (translated, from): (&Path, &Path),
) -> std::io::Result<PathBuf> {
    let dir = source.join("translations");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{plan}.{lang}.yaml"));
    let name = |p: &Path| p.strip_prefix(source).unwrap_or(p).display().to_string();
    let tmp = path.with_extension("yaml.tmp");
    std::fs::write(&tmp, to_yaml(record, &name(translated), &name(from)))?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// The file's text, with a header that says what it is to whoever opens it.
fn to_yaml(record: &TranslationRecord, translated: &str, source: &str) -> String {
    let body = serde_yaml::to_string(record).unwrap_or_default();
    format!(
        "# What each section of {translated} was translated from: the text of {source}\n\
         # when the translation was last reviewed. Written by `plansite translations --reviewed`;\n\
         # commit it with the plan, and let the tool change it.\n{body}"
    )
}
