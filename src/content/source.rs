//! Where content came from: positions of values in their YAML files (for errors at
//! file:line:column) and the stamps that tell a file is unchanged. Part of the model, so the
//! model needs nothing from the loader that fills it.

use crate::diagnostics::Location;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

/// Where each value sits in the file, by dotted path (`indicators.3.values.0.quote`). Shared
/// when cloned: a sheet's index has an entry per field of every value (over a million at
/// 10,000 plans, hence the compact entries).
#[derive(Debug, Default, Clone)]
pub struct Positions {
    file: PathBuf,
    line_offset: usize,
    map: Arc<Index>,
}

/// Dotted path → (line, column).
pub type Index = HashMap<Box<str>, (u32, u32)>;

impl Positions {
    /// The index of `file`, whose text starts at line `line_offset + 1` (a front-matter block).
    pub fn new(file: PathBuf, line_offset: usize, map: Index) -> Self {
        Positions {
            file,
            line_offset,
            map: Arc::new(map),
        }
    }

    /// The location of the value at `path`, or of its nearest parent that has one.
    pub fn at(&self, path: &str) -> Location {
        let mut p = path;
        loop {
            if let Some(&(line, col)) = self.map.get(p) {
                return Location::new(&self.file, line as usize + self.line_offset, col as usize);
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return Location::new(&self.file, 1 + self.line_offset, 1),
            }
        }
    }

    /// Whether the file has a value at exactly `path`.
    pub fn has(&self, path: &str) -> bool {
        self.map.contains_key(path)
    }

    /// The location of the key itself (`path` ending in the key name).
    pub fn key(&self, path: &str) -> Location {
        match self.map.get(format!("{path}#key").as_str()) {
            Some(&(line, col)) => Location::new(&self.file, line as usize + self.line_offset, col as usize),
            None => self.at(path),
        }
    }
}

/// What tells, without reading a file, that it is unchanged since it was read: its length,
/// modification time and inode (editors that save by renaming change the inode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    /// The file's length in bytes when it was read.
    pub fn bytes(&self) -> u64 {
        self.len
    }

    /// The stamp of a file, from its metadata.
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        }
    }
}
