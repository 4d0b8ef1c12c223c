//! Leaving the process from anywhere (a render that never ends) without leaving half-written
//! folders behind: writers register their staging folders, [`exit`] removes them.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static STAGING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Registers a folder to remove if the process is ended by [`exit`].
pub fn remove_on_exit(dir: &Path) {
    STAGING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(dir.to_path_buf());
}

/// Forgets a folder registered with [`remove_on_exit`] (it was committed or removed).
pub fn forget(dir: &Path) {
    STAGING.lock().unwrap_or_else(|e| e.into_inner()).retain(|d| d != dir);
}

/// Removes the registered folders and ends the process with `code`.
pub fn exit(code: i32) -> ! {
    let dirs = std::mem::take(&mut *STAGING.lock().unwrap_or_else(|e| e.into_inner()));
    for dir in dirs {
        let _ = std::fs::remove_dir_all(dir);
    }
    std::process::exit(code)
}
