//! The import report: what was recovered, dropped, merged and guessed, for the curator.

use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Recovered,
    Dropped,
    Merge,
    Guess,
    Note,
}

impl Kind {
    const ALL: [Kind; 5] = [Kind::Recovered, Kind::Dropped, Kind::Merge, Kind::Guess, Kind::Note];

    fn title(self) -> &'static str {
        match self {
            Kind::Recovered => "recovered",
            Kind::Dropped => "dropped (not in the draft's body)",
            Kind::Merge => "merged table cells",
            Kind::Guess => "guesses to check",
            Kind::Note => "notes",
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Report {
    pub entries: Vec<(Kind, String)>,
}

impl Report {
    pub fn push(&mut self, kind: Kind, line: impl Into<String>) {
        self.entries.push((kind, line.into()));
    }

    pub fn recovered(&mut self, line: impl Into<String>) {
        self.push(Kind::Recovered, line);
    }
    pub fn dropped(&mut self, line: impl Into<String>) {
        self.push(Kind::Dropped, line);
    }
    pub fn guess(&mut self, line: impl Into<String>) {
        self.push(Kind::Guess, line);
    }
    pub fn note(&mut self, line: impl Into<String>) {
        self.push(Kind::Note, line);
    }

    pub fn extend(&mut self, other: Report) {
        self.entries.extend(other.entries);
    }

    /// The lines of one kind, in the order they were found.
    pub fn lines(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(move |(k, _)| *k == kind)
            .map(|(_, l)| l.as_str())
    }

    /// The report as text, grouped by kind; `header` is its first line.
    pub fn to_text(&self, header: &str) -> String {
        let mut out = format!("{header}\n");
        for kind in Kind::ALL {
            let lines: Vec<&str> = self.lines(kind).collect();
            if lines.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{} ({}):", kind.title(), lines.len());
            for line in lines {
                let _ = writeln!(out, "  - {}", line.replace('\n', " "));
            }
        }
        out
    }
}
