/// A release: the open data as it stood when the web team published it, frozen in
/// `content/releases/<tag>/` by `plansite release` and published unchanged at
/// `/data/releases/<tag>/`, so a citation of it keeps meaning the same.
#[derive(Debug, Clone)]
pub struct Release {
    /// A date (`2026-06-30`) or a name (`a-z`, `0-9`, `-`).
    pub tag: String,
    /// The published files (see [`PUBLISHED`]) that the folder has, name and bytes.
    pub files: Vec<(&'static str, Vec<u8>)>,
}

/// The files of a release folder the build publishes, byte for byte. The folder also keeps
/// `monitoring.csv` and `plans.json` (the plan files' fingerprints), for comparing releases.
pub const PUBLISHED: [&str; 3] = ["indicators.json", "indicators.csv", "indicators.schema.json"];
