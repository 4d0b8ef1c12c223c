//! Made-up cities, each plan's front matter, and the corpus's `site.yaml`.

use super::{Options, mix};
use fastrand::Rng;
use plansite::content::{FrontMatter, Language, PlanKind, Site, SiteConfig};

pub(super) struct City {
    pub zh: String,
    pub en: String,
    pub slug: String,
    pub province_zh: &'static str,
    pub province_en: &'static str,
}

/// Made-up two-syllable city names (Chinese, pinyin), one per plan.
pub(super) fn city_names(n: usize, seed: u64) -> Vec<City> {
    const SYL: &[(&str, &str)] = &[
        ("安", "an"),
        ("宁", "ning"),
        ("嘉", "jia"),
        ("兴", "xing"),
        ("瑞", "rui"),
        ("平", "ping"),
        ("临", "lin"),
        ("海", "hai"),
        ("江", "jiang"),
        ("德", "de"),
        ("清", "qing"),
        ("永", "yong"),
        ("康", "kang"),
        ("东", "dong"),
        ("阳", "yang"),
        ("桐", "tong"),
        ("乐", "le"),
        ("昌", "chang"),
        ("丰", "feng"),
        ("华", "hua"),
        ("泰", "tai"),
        ("和", "he"),
        ("湖", "hu"),
        ("山", "shan"),
    ];
    const PROVINCES: &[(&str, &str)] = &[
        ("浙江省", "Zhejiang Province"),
        ("江苏省", "Jiangsu Province"),
        ("四川省", "Sichuan Province"),
        ("安徽省", "Anhui Province"),
        ("福建省", "Fujian Province"),
    ];
    let mut rng = Rng::with_seed(mix(seed, u64::MAX));
    (0..n)
        .map(|_| {
            let (a, b) = (SYL[rng.usize(..SYL.len())], SYL[rng.usize(..SYL.len())]);
            let (pz, pe) = PROVINCES[rng.usize(..PROVINCES.len())];
            let pinyin = format!("{}{}", a.1, b.1);
            let mut en = pinyin.clone();
            en[..1].make_ascii_uppercase();
            City {
                zh: format!("{}{}", a.0, b.0),
                en,
                slug: pinyin,
                province_zh: pz,
                province_en: pe,
            }
        })
        .collect()
}

/// A plan's front matter in each language, and its first and last year.
pub(super) struct Front {
    pub zh: FrontMatter,
    pub en: FrontMatter,
    pub years: (i32, i32),
}

pub(super) fn front_matter(rng: &mut Rng, city: &City) -> Front {
    let year = rng.i32(2016..=2025);
    let kind = match rng.usize(..10) {
        0..=5 => PlanKind::Plan,
        6..=7 => PlanKind::WorkPoints,
        _ => PlanKind::ImplementationOpinions,
    };
    let (start, end) = match kind {
        PlanKind::WorkPoints => (year, year),
        PlanKind::Plan => (year, year + 4),
        PlanKind::ImplementationOpinions => (year, year + rng.i32(1..=3)),
    };
    let period = if start == end {
        start.to_string()
    } else {
        format!("{start}-{end}")
    };
    let (month, day) = (rng.u32(1..=10), rng.u32(1..=28));
    let issued = format!("{year}-{month:02}-{day:02}");
    let published = rng
        .bool()
        .then(|| format!("{year}-{:02}-{:02}", month + rng.u32(0..=2), rng.u32(1..=28)));
    let published = published.filter(|p| *p >= issued);
    let doc_number = rng.bool().then(|| {
        let first = city.zh.chars().next().unwrap_or('市');
        format!("{first}政发〔{year}〕{}号", rng.u32(1..=200))
    });
    let (c, ce) = (&city.zh, &city.en);
    let [title_zh, short_zh, title_en, short_en] = titles(kind, city, year, (start, end));
    let (span_zh, span_en) = if start == end {
        (format!("{start}年"), start.to_string())
    } else {
        (format!("{start}年至{end}年"), format!("{start} to {end}"))
    };
    let summary_zh =
        format!("{title_zh}明确了{span_zh}{c}市质量发展的目标、主要任务和保障措施,涵盖产品、工程、服务和环境质量。");
    let summary_en = format!(
        "The {title_en} sets out {ce}'s quality development targets, main tasks and safeguards for {span_en}, covering product, construction, service and environmental quality."
    );
    let zh = FrontMatter {
        title: title_zh,
        short_title: short_zh,
        issuer: format!("{c}市人民政府"),
        doc_number: doc_number.clone(),
        issued: issued.clone(),
        published: published.clone(),
        period: period.clone(),
        region: format!("{}{c}市", city.province_zh),
        kind,
        summary: summary_zh,
    };
    let en = FrontMatter {
        title: title_en,
        short_title: short_en,
        issuer: format!("{ce} Municipal People's Government"),
        doc_number,
        issued,
        published,
        period,
        region: format!("{ce}, {}", city.province_en),
        kind,
        summary: summary_en,
    };
    Front {
        zh,
        en,
        years: (start, end),
    }
}

/// Title and short title, Chinese then English.
fn titles(kind: PlanKind, city: &City, year: i32, (start, end): (i32, i32)) -> [String; 4] {
    let (c, ce) = (&city.zh, &city.en);
    match kind {
        PlanKind::Plan => [
            format!("{c}市质量发展规划({start}—{end}年)"),
            format!("{c}质量发展规划"),
            format!("{ce} Quality Development Plan ({start}-{end})"),
            format!("{ce} Quality Plan {start}-{end}"),
        ],
        PlanKind::WorkPoints => [
            format!("{c}市{year}年质量工作要点"),
            format!("{c}{year}年质量工作要点"),
            format!("{ce} Key Points of Quality Work for {year}"),
            format!("{ce} Quality Work Points {year}"),
        ],
        PlanKind::ImplementationOpinions => [
            format!("{c}市关于加快建设质量强市的实施意见"),
            format!("{c}质量强市实施意见"),
            format!("Implementation Opinions of {ce} on Building a Quality-Strong City"),
            format!("{ce} Quality City Opinions"),
        ],
    }
}

/// The corpus's `site.yaml`: the source site's Chinese and English titles, a description that
/// says what the site is, no theme of its own.
pub(super) fn site_config(site: &Site, opts: &Options) -> Result<SiteConfig, String> {
    let language = |code: &str, description: String| -> Result<Language, String> {
        let l = site.config.languages.iter().find(|l| l.code == code);
        let l = l.ok_or_else(|| format!("the source site has no language `{code}`"))?;
        Ok(Language {
            description,
            ..l.clone()
        })
    };
    let (n, seed) = (opts.plans, opts.seed);
    Ok(SiteConfig {
        base_url: "https://plans.example.org/".into(),
        languages: vec![
            language("zh", format!("基准测试用合成站点:{n} 份规划(种子 {seed})。"))?,
            language("en", format!("Synthetic benchmark site: {n} plans (seed {seed})."))?,
        ],
        theme: "default".into(),
        allow_html: false,
        search: true,
        as_of: None,
        license: site.config.license.clone(),
    })
}
