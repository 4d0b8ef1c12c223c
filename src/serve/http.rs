//! The development server's HTTP side: files from the output folder (never outside it, no
//! folder listings), the live-reload script and its event stream.

use super::{Message, Shared};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;

pub(super) const CLIENT_PATH: &str = "/__plansite/live-reload.js";
pub(super) const EVENTS_PATH: &str = "/__plansite/events";
const CLIENT_JS: &str = include_str!("live-reload.js");

/// What the search page needs, and nothing more: no inline scripts or styles, WebAssembly for
/// Pagefind. Sent by the development server so a CSP problem shows before deployment.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'; frame-ancestors 'none'";

pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(CLIENT_PATH, get(client_js))
        .route(EVENTS_PATH, get(events))
        .fallback(file)
        .with_state(shared)
}

async fn client_js() -> Response {
    with_headers(StatusCode::OK, "text/javascript; charset=utf-8", CLIENT_JS.into())
}

/// Server-sent events: `reload` after a good rebuild, `search-index` after a new search index,
/// `build-error` with the report after a failed build (also sent at once to a page that
/// connects while the last build is broken).
async fn events(State(shared): State<Arc<Shared>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut pending = vec![Message::Index(shared.indexes()).event()];
    pending.extend(shared.last_error().map(|e| Message::Error(e).event()));
    let rx = shared.tx.subscribe();
    let stop = shared.stop.subscribe();
    let live = stream::unfold((rx, stop), |(mut rx, mut stop)| async move {
        loop {
            let msg = tokio::select! {
                msg = rx.recv() => msg,
                _ = stop.wait_for(|stopped| *stopped) => return None,
            };
            match msg {
                Ok(m) => return Some((m.event(), (rx, stop))),
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    let events = stream::iter(pending).chain(live).map(Ok);
    Sse::new(events).keep_alive(KeepAlive::default())
}

async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
    }
    let Some((rel, is_dir_request)) = safe_path(uri.path()) else {
        return plain(StatusCode::BAD_REQUEST, "bad request: the path leaves the site\n");
    };
    let root = shared.root.clone();
    let mut path = root.join(&rel);
    match tokio::fs::metadata(&path).await {
        Ok(meta) if meta.is_dir() => {
            if !is_dir_request {
                // `/zh/plans/x` → `/zh/plans/x/`, so the page's relative links resolve.
                let mut to = folder_redirect(uri.path());
                if let Some(q) = uri.query() {
                    to = format!("{to}?{q}");
                }
                return Response::builder()
                    .status(StatusCode::MOVED_PERMANENTLY)
                    .header(header::LOCATION, to)
                    .body(Body::empty())
                    .unwrap_or_default();
            }
            path.push("index.html");
        }
        Ok(_) => {}
        Err(_) => return not_found(&shared).await,
    }
    match tokio::fs::read(&path).await {
        Ok(bytes) => {
            let mime = content_type(&path);
            let body = if mime.starts_with("text/html") {
                inject_client(bytes, shared.indexes())
            } else {
                bytes
            };
            with_headers(StatusCode::OK, mime, body)
        }
        Err(_) => not_found(&shared).await,
    }
}

async fn not_found(shared: &Shared) -> Response {
    let page = tokio::fs::read(shared.root.join("404.html")).await.unwrap_or_else(|_| {
        b"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Not found</title></head>\
          <body><h1>Not found</h1><p>The site has not been built yet, or this page does not exist.</p></body></html>"
            .to_vec()
    });
    with_headers(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        inject_client(page, shared.indexes()),
    )
}

fn with_headers(status: StatusCode, mime: &str, body: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(mime).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    res
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// Where a request for a folder without its trailing slash is sent: the same path with one
/// leading slash. `//evil.example` is a protocol-relative URL that a browser resolves to
/// another site, so repeated leading slashes are collapsed.
fn folder_redirect(path: &str) -> String {
    format!("/{}/", path.trim_start_matches('/'))
}

/// The live-reload client, as a separate script file (no inline script), in every HTML page,
/// with the number of the search index the page is served under.
fn inject_client(html: Vec<u8>, index: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{CLIENT_PATH}\" data-index=\"{index}\" defer></script>");
    let text = String::from_utf8_lossy(&html);
    match text.find("</head>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The request path as a path inside the output folder, and whether it named a folder (`/…/`).
/// `None` for anything that could leave the folder or be read two ways: `..` and `.` segments
/// (raw or percent-encoded), encoded slashes and backslashes, backslashes, NUL bytes, hidden
/// (dot) names, and bytes that are not UTF-8.
pub fn safe_path(raw: &str) -> Option<(PathBuf, bool)> {
    if !raw.starts_with('/') || raw.contains('\\') {
        return None;
    }
    let lower = raw.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|bad| lower.contains(bad)) {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
    let mut rel = PathBuf::new();
    for segment in decoded.split('/') {
        if segment.is_empty() {
            continue;
        }
        if segment.starts_with('.') || segment.contains(['\\', '\0', ':']) {
            return None;
        }
        rel.push(segment);
    }
    Some((rel, decoded.ends_with('/')))
}

/// The `Content-Type` of a served file, by its extension.
pub fn content_type(path: &std::path::Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.file_name().is_some_and(|n| n == "atom.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        // Pagefind's wasm, index, fragment and meta files are gzip data it unpacks itself.
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(safe_path("/"), Some((PathBuf::new(), true)));
        assert_eq!(safe_path("/zh/plans/x/"), Some((PathBuf::from("zh/plans/x"), true)));
        assert_eq!(
            safe_path("/static/site.js"),
            Some((PathBuf::from("static/site.js"), false))
        );
        assert_eq!(
            safe_path("/zh/%E6%90%9C/"),
            Some((PathBuf::from("zh/搜"), true)),
            "percent-encoded UTF-8 is fine"
        );
        for bad in [
            "/../etc/passwd",
            "/zh/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/.%2e/x",
            "/zh%2f..%2f..%2fetc",
            "/zh%2F..",
            "/..%5cx",
            "/zh\\..\\x",
            "/x%00.html",
            "/./x",
            "/.hidden",
            "/%ff",
            "relative",
        ] {
            assert_eq!(safe_path(bad), None, "{bad} must be refused");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("x.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("pagefind/pagefind.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("zh/atom.xml")), "application/atom+xml");
        assert_eq!(
            content_type(Path::new("pagefind/wasm.en.pagefind")),
            "application/octet-stream"
        );
    }

    #[test]
    fn client_goes_into_the_head() {
        let html = inject_client(b"<html><head><title>x</title></head><body></body></html>".to_vec(), 3);
        assert_eq!(
            String::from_utf8(html).unwrap(),
            format!(
                "<html><head><title>x</title><script src=\"{CLIENT_PATH}\" data-index=\"3\" defer></script></head><body></body></html>"
            )
        );
    }
}
