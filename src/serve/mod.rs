//! `plansite serve`: build, serve the output on loopback, rebuild on every change to the
//! content, theme or configuration, and reload open pages (server-sent events).
//!
//! A failed rebuild is printed in the terminal and shown over the page in the browser, while
//! the last good site stays served.
//!
//! Rebuilds redo only what an edit affects ([`Memo`]): unchanged plans are neither parsed,
//! checked nor rendered again. They publish in two steps: the plan pages as soon as they are
//! done, then the pages that sum up all plans. Only files whose bytes changed are rewritten, and
//! only the open pages that changed reload. The search index follows in the background, for the
//! first build too: the site is served before it is indexed.

mod http;
mod sync;

pub use http::{CSP, content_type, safe_path};
pub use sync::{OutputDir, SyncStats, write_ahead};

use crate::build::{BuildOptions, build_into};
use crate::diagnostics::Diagnostic;
use crate::render::Memo;
use crate::render::{Output, Sink};
use crate::search;
use axum::response::sse::Event;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, watch};

/// How to run `plansite serve`.
pub struct ServeOptions {
    /// The folder with `site.yaml` and `plans/`.
    pub source: PathBuf,
    /// Where to write the site; a fresh temporary folder (removed on exit) when `None`.
    pub output: Option<PathBuf>,
    /// The address to listen on.
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Overrides `search` of site.yaml.
    pub search: Option<bool>,
}

/// How long the watcher waits for changes to settle before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// What the reload channel carries to open pages.
#[derive(Clone, Debug)]
pub(crate) enum Message {
    /// These pages (URL paths) changed; `None`: reload every page.
    Reload(Option<Vec<String>>),
    /// Search index number N (counted from 1) was written: pages that search an older one
    /// load again.
    Index(u64),
    Error(String),
}

impl Message {
    fn event(self) -> Event {
        match self {
            Message::Reload(pages) => {
                let data = pages.map_or_else(|| "\"*\"".to_string(), |p| serde_json::json!(p).to_string());
                Event::default().event("reload").data(data)
            }
            Message::Index(n) => Event::default()
                .event("search-index")
                .data(serde_json::json!({ "bundle": search::BUNDLE_DIR, "index": n }).to_string()),
            Message::Error(text) => Event::default().event("build-error").data(text.replace('\r', "")),
        }
    }

    /// The reload for these changed output files: the pages they belong to (a chart or a data
    /// file belongs to the page in its folder), or all pages when the theme's files changed.
    fn reload(changed: &[String]) -> Message {
        let mut pages = std::collections::BTreeSet::new();
        for path in changed {
            if path.starts_with("static/") || pages.len() > 1000 {
                return Message::Reload(None);
            }
            if path.starts_with(&format!("{}/", search::BUNDLE_DIR)) {
                continue;
            }
            pages.insert(crate::routes::page_of(path));
        }
        Message::Reload(Some(pages.into_iter().collect()))
    }
}

/// State shared by the server and the rebuild thread.
pub(crate) struct Shared {
    root: PathBuf,
    tx: broadcast::Sender<Message>,
    stop: watch::Sender<bool>,
    last_error: Mutex<Option<String>>,
    /// How many search indexes were written (0: none yet). Pages carry the number current when
    /// they are served, and each event stream starts with it: a page served before an index
    /// that connects after it still learns of it.
    indexes: AtomicU64,
}

impl Shared {
    fn indexes(&self) -> u64 {
        self.indexes.load(Ordering::SeqCst)
    }

    fn last_error(&self) -> Option<String> {
        self.last_error.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Shows `error` over open pages, or clears the one shown (reloading every page).
    fn set_error(&self, error: Option<String>) {
        *self.last_error.lock().unwrap_or_else(|e| e.into_inner()) = error.clone();
        let _ = self.tx.send(error.map_or(Message::Reload(None), Message::Error));
    }

    /// Tells open pages that these output files changed.
    fn changed(&self, files: &[String]) {
        if self.last_error().is_some() {
            self.set_error(None);
        } else if !files.is_empty() {
            let _ = self.tx.send(Message::reload(files));
        }
    }
}

/// Runs until Ctrl-C (SIGINT) or SIGTERM; returns after a graceful shutdown.
pub fn serve(opts: ServeOptions) -> Result<(), String> {
    let listener = std::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port))
        .map_err(|e| format!("error: cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    listener.set_nonblocking(true).map_err(|e| format!("error: {e}"))?;
    let addr = listener.local_addr().map_err(|e| format!("error: {e}"))?;
    let base_url = format!("http://{addr}/");

    let (out_dir, temporary) = match &opts.output {
        Some(dir) => (std::path::absolute(dir).unwrap_or(dir.clone()), false),
        None => (
            std::env::temp_dir().join(format!("plansite-serve-{}", std::process::id())),
            true,
        ),
    };
    let build_opts = BuildOptions {
        source: opts.source.clone(),
        output: Some(out_dir.clone()),
        base_url: Some(base_url.clone()),
        search: opts.search,
        progress: None,
        defer_index: true,
    };
    let (tx, _) = broadcast::channel(16);
    let (stop, _) = watch::channel(false);
    let shared = Arc::new(Shared {
        root: out_dir.clone(),
        tx,
        stop,
        last_error: Mutex::new(None),
        indexes: AtomicU64::new(0),
    });
    let files = Arc::new(Mutex::new(Files {
        dir: OutputDir::new(out_dir.clone()),
        index: Vec::new(),
    }));
    let memo = Memo::default();
    // Every build is indexed in the background, the first one too: the site is served at once
    // (indexing 1,000 plans takes about 20 s), and an edit never waits for an index.
    let (index_tx, index_rx) = mpsc::channel::<Output>();
    spawn_indexer(index_rx, files.clone(), shared.clone());

    let first_build = rebuild(&build_opts, &memo, &files, &shared, "built");

    let (events_tx, events_rx) = mpsc::channel();
    let (debouncer, watched) = watch_sources(&opts.source, events_tx)?;
    println!(
        "serving {base_url} (watching {}; output in {}); press Ctrl-C to stop",
        watched
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        out_dir.display()
    );
    // Queued before any rebuild can queue a newer site (the index thread keeps the newest).
    if let Some(output) = first_build {
        let _ = index_tx.send(output);
    }

    let rebuilder = {
        let (shared, files) = (shared.clone(), files.clone());
        let out_dir = out_dir.clone();
        std::thread::spawn(move || {
            while let Ok(first) = events_rx.recv() {
                let mut batches = vec![first];
                batches.extend(events_rx.try_iter());
                let relevant = batches.iter().any(|batch| changes(batch, &out_dir));
                if relevant && let Some(output) = rebuild(&build_opts, &memo, &files, &shared, "rebuilt") {
                    let _ = index_tx.send(output);
                }
            }
        })
    };

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("error: {e}"))?;
    let served = runtime.block_on(serve_http(listener, shared.clone()));
    drop(debouncer); // closes the event channel: the rebuild thread ends
    let _ = rebuilder.join();
    // An index still being built is abandoned; holding the lock keeps it from writing.
    let _files = files.lock().unwrap_or_else(|e| e.into_inner());
    if temporary {
        let _ = std::fs::remove_dir_all(&out_dir);
    }
    runtime.shutdown_timeout(Duration::from_secs(1));
    served.map_err(|e| format!("error: the server failed: {e}"))?;
    println!("stopped");
    Ok(())
}

/// Indexes each site built, in the background at low priority; only the newest one queued.
fn spawn_indexer(index_rx: mpsc::Receiver<Output>, files: Arc<Mutex<Files>>, shared: Arc<Shared>) {
    std::thread::spawn(move || {
        background();
        while let Ok(mut output) = index_rx.recv() {
            while let Ok(newer) = index_rx.try_recv() {
                output = newer;
            }
            index(output, &files, &shared);
            release_freed_memory();
        }
    });
}

/// Watches the content (site.yaml and plans) and the site's theme folder beside it; returns
/// the watcher (dropping it ends the events) and the folders watched.
fn watch_sources(
    source: &std::path::Path,
    events_tx: mpsc::Sender<DebounceEventResult>,
) -> Result<(Debouncer<notify::RecommendedWatcher, RecommendedCache>, Vec<PathBuf>), String> {
    let mut debouncer =
        new_debouncer(DEBOUNCE, None, events_tx).map_err(|e| format!("error: cannot watch files: {e}"))?;
    let mut watched = vec![source.to_path_buf()];
    if let Some(themes) = source.parent().map(|p| p.join("themes"))
        && themes.is_dir()
    {
        watched.push(themes);
    }
    for path in &watched {
        debouncer
            .watch(path, RecursiveMode::Recursive)
            .map_err(|e| format!("error: cannot watch {}: {e}", path.display()))?;
    }
    Ok((debouncer, watched))
}

/// Serves the output folder until Ctrl-C or SIGTERM, then tells the event streams to end.
async fn serve_http(listener: std::net::TcpListener, shared: Arc<Shared>) -> Result<(), String> {
    let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
    let app = http::router(shared.clone());
    let stop = shared.stop.clone();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            let _ = stop.send(true);
        })
        .await
        .map_err(|e| e.to_string())
}

/// Whether a batch of file events changed anything the site is built from: reading files (the
/// build itself does) and writing the output folder (when it lies inside the source) do not.
fn changes(batch: &DebounceEventResult, out_dir: &std::path::Path) -> bool {
    match batch {
        Ok(events) => events
            .iter()
            .any(|e| !matches!(e.kind, EventKind::Access(_)) && e.paths.iter().any(|p| !p.starts_with(out_dir))),
        Err(_) => true,
    }
}

/// The served folder and the search index files last written into it (kept so that page
/// rebuilds, which come without an index, leave them in place).
struct Files {
    dir: OutputDir,
    index: Vec<String>,
}

/// The sink of a rebuild: keeps the files, and at the checkpoint (the plan pages are done)
/// publishes what it has so far.
struct Publisher<'a> {
    output: Mutex<Output>,
    files: &'a Mutex<Files>,
    shared: &'a Shared,
    start: Instant,
}

impl Sink for Publisher<'_> {
    fn add(&self, path: String, bytes: Vec<u8>) {
        self.output.add(path, bytes);
    }

    fn keep(&self, path: String) {
        self.output.keep(path);
    }

    fn checkpoint(&self) {
        let output = self.output.lock().unwrap_or_else(|e| e.into_inner());
        let stats = self
            .files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .dir
            .sync_part(&output);
        // A failure here shows up again in the full sync that follows.
        if let Ok(stats) = stats
            && stats.written > 0
        {
            println!(
                "plan pages updated in {} ms ({} files written); the other pages follow",
                self.start.elapsed().as_millis(),
                stats.written
            );
            self.shared.changed(&stats.changed);
        }
    }
}

/// Builds the pages (reusing `memo`), writes what changed and tells open pages; prints the
/// outcome. Returns the new site (without its search index) when the site has search, for
/// [`index`].
fn rebuild(opts: &BuildOptions, memo: &Memo, files: &Mutex<Files>, shared: &Shared, verb: &str) -> Option<Output> {
    let start = Instant::now();
    let publisher = Publisher {
        output: Mutex::default(),
        files,
        shared,
        start,
    };
    let report = match build_into(opts, memo, &publisher) {
        Ok(report) => report,
        Err(diags) => {
            memo.discard();
            let text = error_text(&diags);
            eprintln!("{text}");
            eprintln!("the last good site is still served");
            shared.set_error(Some(text));
            return None;
        }
    };
    for w in &report.warnings {
        eprintln!("{}\n", w.render());
    }
    let mut output = publisher.output.into_inner().unwrap_or_else(|e| e.into_inner());
    let synced = {
        let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
        if !report.search || !files.dir.in_step() {
            files.index.clear();
        }
        output.kept.extend(files.index.iter().cloned());
        files.dir.sync(&output)
    };
    let stats = match synced {
        Ok(stats) => stats,
        Err(e) => {
            // The folder is rewritten whole next time: nothing can be kept.
            memo.forget_pages();
            let text = format!("error: cannot write {}: {e}", shared.root.display());
            eprintln!("{text}");
            shared.set_error(Some(text));
            return None;
        }
    };
    memo.commit();
    println!(
        "{verb} {} pages in {} ms ({} files written, {} removed)",
        output.html_pages(),
        start.elapsed().as_millis(),
        stats.written,
        stats.removed
    );
    shared.changed(&stats.changed);
    let prefix = format!("{}/", search::BUNDLE_DIR);
    output.files.retain(|path, _| !path.starts_with(&prefix));
    output.kept.retain(|path| !path.starts_with(&prefix));
    report.search.then_some(output)
}

/// Indexes `output` (reading the pages it kept from the served folder) and writes the index
/// files that changed.
fn index(mut output: Output, files: &Mutex<Files>, shared: &Shared) {
    let start = Instant::now();
    let prefix = format!("{}/", search::BUNDLE_DIR);
    let dir = files.lock().unwrap_or_else(|e| e.into_inner()).dir.path().to_path_buf();
    for path in std::mem::take(&mut output.kept) {
        if path.ends_with(".html")
            && let Ok(bytes) = std::fs::read(dir.join(&path))
        {
            output.files.insert(path, bytes);
        }
    }
    let pages = match search::index(&mut output) {
        Ok(pages) => pages,
        Err(e) => {
            let text = format!("error: building the search index failed: {e}");
            eprintln!("{text}");
            shared.set_error(Some(text));
            return;
        }
    };
    let index: Vec<(String, Vec<u8>)> = output
        .files
        .into_iter()
        .filter(|(path, _)| path.starts_with(&prefix))
        .collect();
    // Thousands of files: written without holding the folder, so rebuilds are not kept waiting.
    let ahead = files.lock().unwrap_or_else(|e| e.into_inner()).dir.unwritten(&index);
    let ahead: Vec<&str> = match write_ahead(&dir, &ahead) {
        Ok(()) => ahead.iter().map(|(path, _)| path.as_str()).collect(),
        Err(_) => Vec::new(), // the sync below writes them and reports what fails
    };
    let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
    match files.dir.sync_under(&prefix, &index, &ahead) {
        Ok(stats) => {
            println!(
                "search index of {pages} pages updated in {} ms ({} files written, {} removed)",
                start.elapsed().as_millis(),
                stats.written,
                stats.removed
            );
            if !stats.changed.is_empty() {
                let n = shared.indexes.fetch_add(1, Ordering::SeqCst) + 1;
                let _ = shared.tx.send(Message::Index(n));
            }
        }
        Err(e) => {
            let text = format!("error: cannot write {}: {e}", shared.root.display());
            eprintln!("{text}");
            shared.set_error(Some(text));
        }
    }
    files.index = index.into_iter().map(|(path, _)| path).collect();
}

/// Lowers the calling thread's CPU priority (and that of threads it starts): the search index
/// takes seconds to minutes on a large site, and must not slow down the rebuild of an edit.
fn background() {
    // SAFETY: setpriority only reads its integer arguments; on Linux, `who = 0` is the calling
    // thread. Failure (not permitted) leaves the priority as it was, which is harmless.
    #[cfg(unix)]
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// Hands the memory the index freed back to the system now, on the indexing thread. Left to the
/// allocator, which does it on a later allocation, the next rebuild paid for it: 100 ms more
/// for the first edit after an index at 1,000 plans.
fn release_freed_memory() {
    // SAFETY: mi_collect takes no pointers; it purges mimalloc's free memory (the global allocator).
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// The diagnostics as the terminal shows them, for the browser overlay too.
pub fn error_text(diags: &[Diagnostic]) -> String {
    let mut text = String::new();
    for d in diags {
        text.push_str(&d.render());
        text.push_str("\n\n");
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    text.push_str(&format!(
        "error: the build failed with {errors} error(s), {} warning(s)",
        diags.len() - errors
    ));
    text
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = match signal(SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    eprintln!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::Message;

    fn pages(changed: &[&str]) -> Option<Vec<String>> {
        let changed: Vec<String> = changed.iter().map(|s| s.to_string()).collect();
        match Message::reload(&changed) {
            Message::Reload(pages) => pages,
            _ => panic!("a reload"),
        }
    }

    #[test]
    fn reloads_name_the_pages_that_changed() {
        assert_eq!(
            pages(&[
                "zh/plans/a/index.html",
                "zh/indicators/x/chart.svg",
                "404.html",
                "pagefind/x.pf"
            ]),
            Some(vec![
                "/404.html".into(),
                "/zh/indicators/x/".into(),
                "/zh/plans/a/".into()
            ])
        );
        assert_eq!(pages(&["static/style.css"]), None, "the theme changed: every page");
    }
}
