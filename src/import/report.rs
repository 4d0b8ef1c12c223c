//! The import report: what was recovered, dropped, merged and guessed, for the curator.

use std::fmt::Write as _;

/// What a report line is about; the text groups lines by kind, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something the file held outside its plain text (list numbers Word generates, text boxes,
    /// the red header) that the draft keeps.
    Recovered,
    /// Something left out of the draft's body.
    Dropped,
    /// Table cells that were merged in the file.
    Merge,
    /// A guess the curator should check.
    Guess,
    /// Anything else worth knowing.
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

/// What an import recovered, dropped, merged and guessed, for the curator.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Lines of the report, in the order found, each with its kind.
    pub entries: Vec<(Kind, String)>,
}

impl Report {
    /// Adds a line of `kind`.
    pub fn push(&mut self, kind: Kind, line: impl Into<String>) {
        self.entries.push((kind, line.into()));
    }

    /// Adds a line about something kept from outside the plain text.
    pub fn recovered(&mut self, line: impl Into<String>) {
        self.push(Kind::Recovered, line);
    }
    /// Adds a line about something left out of the draft's body.
    pub fn dropped(&mut self, line: impl Into<String>) {
        self.push(Kind::Dropped, line);
    }
    /// Adds a guess for the curator to check.
    pub fn guess(&mut self, line: impl Into<String>) {
        self.push(Kind::Guess, line);
    }
    /// Adds a note.
    pub fn note(&mut self, line: impl Into<String>) {
        self.push(Kind::Note, line);
    }

    /// Appends `other`'s lines after these.
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
