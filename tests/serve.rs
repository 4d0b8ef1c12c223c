//! `plansite serve` as a developer meets it: a real server process on loopback, real HTTP.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Reads the live-reload event stream into `heard` until `done` says so (or fails after a
/// minute: the stream's keep-alives would otherwise keep the read waiting for ever).
fn hear(stream: &mut TcpStream, heard: &mut String, done: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut chunk = [0u8; 4096];
    while !done(heard) {
        assert!(Instant::now() < deadline, "not heard in a minute: {heard}");
        let n = stream.read(&mut chunk).expect("event stream");
        assert!(n > 0, "stream ended early: {heard}");
        heard.push_str(&String::from_utf8_lossy(&chunk[..n]));
    }
}

/// A copy of the shipped site to edit.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    dir
}

#[test]
fn serves_the_site_on_loopback_and_refuses_to_leave_it() {
    let dir = site();
    // `out/../secret.txt` is this file: what a traversal would reach.
    std::fs::write(dir.path().join("secret.txt"), "root:x:0:0").unwrap();
    let out = dir.path().join("out");
    let server = Server::start(dir.path(), &["--output", out.to_str().unwrap()]);
    assert!(
        server.addr.starts_with("127.0.0.1:"),
        "loopback by default: {}",
        server.addr
    );

    let home = server.page("/zh/");
    assert!(home.contains("<html lang=zh-CN>"));
    assert!(
        home.contains(" defer src=/__plansite/live-reload.js></script>"),
        "live reload client injected as a file"
    );
    assert!(server.page("/__plansite/live-reload.js").contains("EventSource"));
    assert!(server.page("/en/plans/ruian-2021/").contains("data-pagefind-body"));
    // The site is served first; its search index follows.
    server.wait_for("the first search index", || {
        server.stdout().contains("search index of ")
    });
    let stdout = server.stdout();
    assert!(
        stdout.find("serving http://") < stdout.find("search index of "),
        "served before the index is built:\n{stdout}"
    );
    // Pages carry the number of the index they were served under, and an event stream starts
    // with the current one (a page served before the index learns of it when it connects).
    assert!(
        server
            .page("/zh/search/")
            .contains("<script data-index=1 defer src=/__plansite/live-reload.js>")
    );
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET /__plansite/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut heard = String::new();
    hear(&mut stream, &mut heard, |h| {
        h.contains("event: search-index\ndata: {\"bundle\":\"pagefind\",\"index\":1}\n")
    });
    drop(stream);
    assert_redirects_stay_on_site(&server);
    assert_served_types(&server);
    assert_traversal_refused(&server);

    let (status, head, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(head.contains("text/html"));
    assert!(
        String::from_utf8_lossy(&body).contains("页面不存在"),
        "the site's 404 page"
    );
    let (status, _, _) = server.get("/pagefind/");
    assert_eq!(status, 404, "no folder listings");

    // Serving (the build reading its sources included) does not trigger rebuilds by itself.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(!server.stdout().contains("rebuilt"), "no rebuild without a change");

    // Ctrl-C with a live-reload stream open still stops promptly.
    let mut events = TcpStream::connect(&server.addr).unwrap();
    write!(events, "GET /__plansite/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let (status, stdout) = server.interrupt();
    assert!(status.success(), "clean exit on SIGINT: {status:?}");
    assert!(stdout.contains("stopped"), "{stdout}");
}

/// A path without its slash is redirected, never to another site.
fn assert_redirects_stay_on_site(server: &Server) {
    let (status, head, _) = server.get("/en/plans/ruian-2021?x=1");
    assert_eq!(status, 301);
    assert!(head.contains("/en/plans/ruian-2021/?x=1"), "{head}");
    // A redirect never starts with `//`: a browser reads `//evil.example/` as another site.
    for (path, to) in [("//zh", "/zh/"), ("///zh", "/zh/"), ("//zh/plans", "/zh/plans/")] {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 301, "{path}");
        let location = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .starts_with("location:")
                    .then(|| l[9..].trim().to_string())
            })
            .unwrap_or_default();
        assert_eq!(location, to, "{path}: {head}");
    }
}

/// Every kind of file is served with its media type and the security policy.
fn assert_served_types(server: &Server) {
    for (path, mime) in [
        ("/static/style.css", "text/css"),
        ("/static/site.js", "text/javascript"),
        ("/pagefind/pagefind.js", "text/javascript"),
        ("/pagefind/pagefind-entry.json", "application/json"),
        ("/pagefind/wasm.en.pagefind", "application/octet-stream"),
        ("/sitemap.xml", "application/xml"),
        ("/zh/atom.xml", "application/atom+xml"),
    ] {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.to_lowercase().contains(&format!("content-type: {mime}")),
            "{path}: {head}"
        );
        assert!(
            head.to_lowercase()
                .contains("content-security-policy: default-src 'self'")
        );
    }
}

/// No spelling of `..` reaches outside the output folder.
fn assert_traversal_refused(server: &Server) {
    for path in [
        "/../secret.txt",
        "/zh/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/secret.txt",
        "/zh/..%2f..%2fsecret.txt",
        "/zh%2F..%2F..%2Fsecret.txt",
        "/..\\secret.txt",
        "/zh/..%5c..%5csecret.txt",
        "/.%2e/secret.txt",
    ] {
        let (status, _, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: refused, got {status}");
        assert!(
            !String::from_utf8_lossy(&body).contains("root:x"),
            "{path} leaked a file"
        );
    }
}

#[test]
fn rebuilds_on_edit_and_keeps_the_last_good_site_on_error() {
    let dir = site();
    let out = dir.path().join("out");
    let server = Server::start(dir.path(), &["--output", out.to_str().unwrap()]);
    let plan = dir.path().join("content/plans/ruian-2021.zh.md");
    let original = read(&plan);
    let page = "/zh/plans/ruian-2021/";
    assert!(!server.page(page).contains("实时重建标记"));
    let untouched = std::fs::metadata(out.join("en/plans/yiwu-2024/index.html"))
        .unwrap()
        .modified()
        .unwrap();

    // (The first search index is in: what follows hears only of the edit's.)
    server.wait_for("the first search index", || {
        server.stdout().contains("search index of ")
    });
    // A content edit shows up, and open pages hear which pages changed.
    let mut listener = TcpStream::connect(&server.addr).unwrap();
    listener.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(listener, "GET /__plansite/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let edited = original.replacen("\n\n", "\n\n实时重建标记。\n\n", 2);
    std::fs::write(&plan, &edited).unwrap();
    server.wait_for("the edit to be served", || server.page(page).contains("实时重建标记"));
    let mut heard = String::new();
    hear(&mut listener, &mut heard, |h| h.contains(&format!("\"{page}\"")));
    assert!(heard.contains("event: reload"), "{heard}");
    assert!(!heard.contains("\"*\""), "only the changed pages reload: {heard}");
    assert!(
        !heard.contains("/en/plans/yiwu-2024/"),
        "an untouched plan does not reload: {heard}"
    );
    server.wait_for("the two-step publish", || {
        server.stdout().contains("plan pages updated in")
    });
    server.wait_for("the search index to follow", || {
        server
            .stdout()
            .lines()
            .filter(|l| l.contains("search index of ") && l.contains(" pages updated"))
            .count()
            >= 2
    });
    // … and pages that search it hear of it (the search page loads again).
    let edit_heard = heard.find(&format!("\"{page}\"")).unwrap();
    hear(&mut listener, &mut heard, |h| {
        h[edit_heard..].contains("event: search-index\ndata: {\"bundle\":\"pagefind\",\"index\":2}\n")
    });
    assert_eq!(
        std::fs::metadata(out.join("en/plans/yiwu-2024/index.html"))
            .unwrap()
            .modified()
            .unwrap(),
        untouched,
        "pages whose bytes did not change are not rewritten"
    );

    // A broken edit: reported in the terminal and to the browser; the last good page stays.
    std::fs::write(&plan, edited.replace("issued: 2021-12-24", "issued: someday")).unwrap();
    server.wait_for("the error report", || {
        server.stderr().contains("the last good site is still served")
    });
    assert!(server.stderr().contains("ruian-2021.zh.md"), "{}", server.stderr());
    assert!(
        server.page(page).contains("实时重建标记"),
        "last good page still served"
    );
    let mut events = TcpStream::connect(&server.addr).unwrap();
    events.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(events, "GET /__plansite/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    while !(seen.contains("event: build-error") && seen.contains("ruian-2021.zh.md")) {
        let n = events.read(&mut buf).expect("event stream");
        assert!(n > 0, "stream ended early: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(
        seen.to_lowercase().contains("content-type: text/event-stream"),
        "{seen}"
    );

    // Fixed again: rebuilt, and open pages are told to reload.
    std::fs::write(&plan, &original).unwrap();
    server.wait_for("the fix to be served", || !server.page(page).contains("实时重建标记"));
    let mut tail = String::new();
    while !tail.contains("event: reload") {
        let n = events.read(&mut buf).expect("event stream");
        assert!(n > 0, "stream ended early: {tail}");
        tail.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let (status, stdout) = server.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(stdout.contains("rebuilt"), "{stdout}");
    assert!(out.join("zh/index.html").is_file(), "an explicit --output is kept");
}

#[test]
fn a_site_that_does_not_build_is_reported_and_served_once_fixed() {
    let dir = site();
    let config = dir.path().join("content/site.yaml");
    let good = read(&config);
    std::fs::write(&config, good.replace("base_url:", "base_ur:")).unwrap();
    let server = Server::start(dir.path(), &[]);
    // The banner (stdout) and the error (stderr) arrive on separate pipes, in either order.
    server.wait_for("the config error", || server.stderr().contains("base_ur"));
    let (status, _, body) = server.get("/zh/");
    assert_eq!(status, 404);
    assert!(
        String::from_utf8_lossy(&body).contains("/__plansite/live-reload.js"),
        "the overlay can show"
    );
    std::fs::write(&config, good).unwrap();
    server.wait_for("the fixed site", || server.get("/zh/").0 == 200);
    let (status, stdout) = server.interrupt();
    assert!(status.success());
    let out_dir = stdout
        .split("output in ")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .map(PathBuf::from)
        .expect("output folder in the banner");
    assert!(
        !out_dir.exists(),
        "the temporary output folder is removed: {}",
        out_dir.display()
    );
}

/// Readers keep getting whole pages while an editor saves again and again: a bounded burst of
/// concurrent requests (8 threads × 40) during repeated rebuilds, all answered 200 with a full page.
#[test]
fn survives_a_burst_of_requests_during_rebuilds() {
    let dir = site();
    let server = Arc::new(Server::start(dir.path(), &["--no-search"]));
    let plan = dir.path().join("content/plans/yiwu-2024.zh.md");
    let original = read(&plan);
    std::thread::scope(|s| {
        s.spawn(|| {
            for n in 0..6 {
                std::fs::write(&plan, original.replacen("\n\n", &format!("\n\n编辑{n}。\n\n"), 1)).unwrap();
                std::thread::sleep(Duration::from_millis(150));
            }
        });
        let workers: Vec<_> = (0..8)
            .map(|t| {
                let server = server.clone();
                s.spawn(move || {
                    let pages = [
                        "/zh/plans/yiwu-2024/",
                        "/en/plans/yiwu-2024/",
                        "/zh/",
                        "/static/style.css",
                    ];
                    for i in 0..40 {
                        let path = pages[(t + i) % pages.len()];
                        let (status, _, body) = server.get(path);
                        assert_eq!(status, 200, "{path} during rebuilds");
                        assert!(
                            path.ends_with(".css") || String::from_utf8_lossy(&body).contains("</html>"),
                            "{path}: a whole page, never a half-written one"
                        );
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
    });
    server.wait_for("the last edit to be served", || {
        server.page("/zh/plans/yiwu-2024/").contains("编辑5")
    });
    assert!(!server.stderr().contains("panicked"), "{}", server.stderr());
}
