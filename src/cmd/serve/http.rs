//! The preview's web server: axum routes on hyper, on one thread, with
//! limits, so that no request can knock it over. A request's head is capped
//! at 16 KiB and must arrive within 10 s; a request that carries a body is
//! refused (413) before any of it is read, whatever length it declares;
//! at most [`MAX_CONNECTIONS`] connections are served at once, and one more
//! is closed as soon as it is accepted.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;

use crate::render::escape;

/// How many connections are served at once: every open page holds one
/// for its event stream; a person has a few.
pub(super) const MAX_CONNECTIONS: usize = 64;
/// The most a request's line and headers may take.
const MAX_HEAD: usize = 16 * 1024;
/// How long a client may take to send a request's head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How often an open event stream says it is alive.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Serves `shared`'s page on `listener` until the process ends.
pub(super) fn run(listener: std::net::TcpListener, shared: Shared) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = Router::new()
            .route("/", get(page))
            .route("/index.html", get(page))
            .route("/events", get(events))
            .fallback(not_found)
            .layer(middleware::from_fn(refuse_bodies))
            .with_state(shared);
        let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                // Out of file descriptors, say: wait a little, go on.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            };
            let Ok(slot) = slots.clone().try_acquire_owned() else {
                // Full: this connection is closed at once.
                drop(stream);
                continue;
            };
            let service = TowerToHyperService::new(app.clone());
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .max_buf_size(MAX_HEAD)
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEAD_TIMEOUT)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
                drop(slot);
            });
        }
    })
}

/// A request with a body is refused before it is read: the preview takes
/// none, and a declared length is never allocated.
async fn refuse_bodies(request: Request, next: Next) -> Response {
    let headers = request.headers();
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .is_some_and(|length| length.as_bytes() != b"0");
    if declared || headers.contains_key(header::TRANSFER_ENCODING) {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [(header::CONNECTION, "close")],
            "413",
        )
            .into_response();
    }
    next.run(request).await
}

async fn page(State(shared): State<Shared>) -> Response {
    let html = shared
        .page
        .lock()
        .map(|page| with_errors(&page))
        .unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

/// The event stream an open page listens on: `reload` after every rebuild.
async fn events(
    State(shared): State<Shared>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let mut changes = shared.generation.subscribe();
    changes.mark_unchanged();
    let stream = futures_util::stream::unfold(changes, |mut changes| async move {
        changes.changed().await.ok()?;
        Some((Ok(Event::default().data("reload")), changes))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE).text("keep-alive"))
}

async fn not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "404")
}

/// The page as last rendered, and the errors of the last render.
#[derive(Default)]
pub(super) struct Page {
    pub(super) html: String,
    pub(super) errors: String,
}

/// What the server and the rebuilds share: the page, and a count of
/// rebuilds each open page's event stream waits on.
#[derive(Clone)]
pub(super) struct Shared {
    pub(super) page: Arc<Mutex<Page>>,
    pub(super) generation: tokio::sync::watch::Sender<u64>,
}

const RELOAD: &str =
    "<script>new EventSource('/events').onmessage=function(){location.reload()};</script>";

/// The preview's figures show where they came from: underlined, the source
/// on hover (the span's `title`), and a click copies `data/2017.yaml:58`.
const PROVENANCE: &str = "<style>span[data-src]{text-decoration:underline dotted #888;cursor:copy}</style><script>document.addEventListener('click',function(e){var s=e.target.closest('[data-src]');if(s&&navigator.clipboard){navigator.clipboard.writeText(s.dataset.src)}});</script>";

/// The page with the current errors above it and the reload script in it.
fn with_errors(page: &Page) -> String {
    let mut banner = String::new();
    if !page.errors.is_empty() {
        // Pinned to the top of the window: a reload keeps the reader's
        // scroll position, and an error above it would be out of sight.
        banner.push_str(r#"<pre id="report-errors" style="position:sticky;top:0;z-index:2147483647;max-height:40vh;overflow:auto;white-space:pre-wrap;margin:0;padding:12pt;background:#fff3f3;color:#900;border-bottom:2px solid #c00;font:11pt monospace">"#);
        escape::html(&page.errors, &mut banner);
        banner.push_str("</pre>");
    }
    let body = if page.html.is_empty() {
        "<!DOCTYPE html><html><body></body></html>".to_string()
    } else {
        page.html.clone()
    };
    let (start, end) = match body.find("<body") {
        Some(at) => {
            let open = at + body[at..].find('>').map_or(0, |i| i + 1);
            (open, body.rfind("</body>").unwrap_or(body.len()))
        }
        None => (0, body.len()),
    };
    format!(
        "{}{banner}{}{RELOAD}{PROVENANCE}{}",
        &body[..start],
        &body[start..end],
        &body[end..]
    )
}
