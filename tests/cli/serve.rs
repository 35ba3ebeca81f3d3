//! `report serve`: a real headless Chromium sees a saved change without the
//! test reloading it, an error appears above the page and goes when fixed;
//! the server listens on 127.0.0.1 and serves nothing but its own pages.
//!
//! Messages are asserted whole (the port the system gave masked); HTTP
//! answers are checked by their status, the page by the marks the preview adds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Project, contains, repo, required};

/// A running `report serve` and the address it printed.
struct Served {
    child: Child,
    address: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(project: &Project) -> Served {
    serve_year(project, "2025")
}

fn serve_year(project: &Project, year: &str) -> Served {
    // A plain process, not assert_cmd's: the server runs until killed.
    #[allow(deprecated)]
    let binary = assert_cmd::cargo::cargo_bin("report");
    let mut child = Command::new(binary)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .env("NO_COLOR", "1")
        .current_dir(project.path())
        .args(["serve", year, "--port", "0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let url = from_stderr(&mut child, "http://");
    let address = url["http://".len()..].trim_end_matches('/').to_string();
    Served { child, address }
}

/// The first word starting with `prefix` that `child` prints on its
/// standard error (an address it listens on); the rest is read on and
/// dropped, so the child never blocks on a full pipe.
fn from_stderr(child: &mut Child, prefix: &str) -> String {
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let word = loop {
        let line = lines.next().expect("the address is printed").unwrap();
        if let Some(at) = line.find(prefix) {
            let rest = &line[at..];
            let end = rest.find(|c: char| c.is_whitespace() || ('\u{3000}'..).contains(&c));
            break rest[..end.unwrap_or(rest.len())].to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    word
}

/// The status line of `GET path`, sent as typed (no normalising).
fn status(address: &str, path: &str) -> String {
    status_path(address, path)
}

/// The status line of `GET /`.
fn status_line(address: &str) -> String {
    status_path(address, "/")
}

fn status_path(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.lines().next().unwrap_or_default().to_string()
}

#[test]
fn serves_its_page_on_loopback_and_nothing_else() {
    let project = Project::copy_of(&repo().join("tests/fixtures/genre"));
    let served = serve(&project);
    assert!(
        served.address.starts_with("127.0.0.1:"),
        "{}",
        served.address
    );
    // Not reachable on the machine's other addresses: its outward-facing
    // one (the route to a documentation address; no packet is sent)
    // refuses the connection.
    let port = served.address.rsplit(':').next().unwrap().to_string();
    let outward = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|()| s))
        .and_then(|s| s.local_addr());
    match outward {
        Ok(local) if !local.ip().is_loopback() && !local.ip().is_unspecified() => {
            let other = format!("{}:{port}", local.ip());
            assert!(TcpStream::connect(&other).is_err(), "reachable at {other}");
        }
        _ => eprintln!("skipped the outward check: no address but loopback here"),
    }
    assert!(status(&served.address, "/").contains(" 200 "));
    for path in [
        "/data/2025.yaml",
        "/../data/2025.yaml",
        "/%2e%2e/data/2025.yaml",
        "/..%2fdata%2f2025.yaml",
        "//etc/passwd",
        "/report.yaml",
        "/index.html/../../data/2025.yaml",
    ] {
        assert!(status(&served.address, path).contains(" 404 "), "{path}");
    }
    // A second server on the same port says so and what to do.
    let output = project.report(&["serve", "2025", "--port", &port]);
    output.failure(2);
    contains(&output.stderr, &["端口可能已被占用"]);
    // The port is the one the system gave the first server.
    insta::assert_snapshot!(output.stderr.replace(&port, "PORT"));
    // Ctrl-C: the server stops at once and has written nothing.
    let mut served = served;
    let pid = served.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let start = Instant::now();
    while served.child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "still running after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!project.exists("out"), "serve writes nothing");
}

/// What the server answers to `request`, sent as typed: its status line.
fn answer(address: &str, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A line of `/proc/PID/status`, as a number (`Threads`, `VmRSS` in kB).
#[cfg(target_os = "linux")]
fn status_of(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap()
}

// The requests that crashed the old server, and a crowd of idle
// connections: each is refused, the process stays small, and the page is
// still served afterwards.
#[test]
fn hostile_requests_are_refused_and_the_server_keeps_serving() {
    let project = Project::copy_of(&repo().join("tests/fixtures/genre"));
    let served = serve(&project);
    let address = served.address.as_str();
    for (request, status) in [
        (
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9223372036854775807\r\n\r\n".to_string(),
            " 413 ",
        ),
        (
            "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n".to_string(),
            " 413 ",
        ),
        (
            "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".to_string(),
            " 413 ",
        ),
        (
            format!(
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
                "a".repeat(1 << 20)
            ),
            " 431 ",
        ),
    ] {
        let answered = answer(address, request.as_bytes());
        assert!(
            answered.contains(status),
            "{answered} for {}",
            &request[..40]
        );
        assert!(status_line(address).contains(" 200 "));
    }
    // 400 connections that send nothing: beyond the limit they are closed
    // at once, and no thread is started for any of them.
    let crowd: Vec<TcpStream> = (0..400)
        .filter_map(|_| TcpStream::connect(address).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    #[cfg(target_os = "linux")]
    {
        let pid = served.child.id();
        let threads = status_of(pid, "Threads");
        assert!(threads <= 8, "{threads} threads for 400 connections");
        let resident = status_of(pid, "VmRSS");
        assert!(resident < 100_000, "{resident} kB resident");
    }
    let closed = crowd
        .iter()
        .filter(|stream| {
            let mut stream: &TcpStream = stream;
            stream
                .set_read_timeout(Some(Duration::from_millis(50)))
                .unwrap();
            matches!(stream.read(&mut [0u8; 1]), Ok(0))
        })
        .count();
    assert!(closed >= 400 - 64, "only {closed} of 400 closed");
    drop(crowd);
    std::thread::sleep(Duration::from_millis(200));
    assert!(status_line(address).contains(" 200 "));
}

/// The body of `GET /`.
fn page(address: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
}

// In the preview each figure says where it came from (on hover, and a
// click copies it); the HTML `build` writes says nothing of it.
#[test]
fn the_preview_shows_where_each_figure_came_from() {
    let project = Project::example();
    let served = serve_year(&project, "2017");
    let page = page(&served.address);
    assert!(
        page.contains(r#"title="roof_tiles · data/2017.yaml:54:12" data-src="data/2017.yaml:54">7200㎡</span>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"title="roof_tiles.completion = 7200 ÷ 8000（data/2017.yaml:54:12，data/2016.yaml:58:18）""#),
        "{page}"
    );
    assert!(page.contains("navigator.clipboard.writeText"), "{page}");
    project.report(&["build", "2017"]).success();
    let built = project.read("out/2017.html");
    assert!(
        !built.contains("data-src"),
        "the built page carries provenance"
    );
    assert!(
        !built.contains("clipboard"),
        "the built page carries the preview's script"
    );
}

/// A session of the browser's `DevTools` protocol with one page.
struct Browser {
    child: Child,
    socket: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    session: String,
    next: u64,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn open(chromium: &std::path::Path, url: &str) -> Self {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let endpoint = from_stderr(&mut child, "ws://");
        let (socket, _) = tungstenite::connect(endpoint.as_str()).unwrap();
        let mut browser = Self {
            child,
            socket,
            session: String::new(),
            next: 0,
            _profile: profile,
        };
        let targets = browser.call("Target.getTargets", &serde_json::json!({}));
        let target = targets["targetInfos"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .expect("a page")["targetId"]
            .clone();
        let attached = browser.call(
            "Target.attachToTarget",
            &serde_json::json!({ "targetId": target, "flatten": true }),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        browser
    }

    fn call(&mut self, method: &str, params: &serde_json::Value) -> serde_json::Value {
        self.next += 1;
        let mut message =
            serde_json::json!({ "id": self.next, "method": method, "params": params });
        if !self.session.is_empty() {
            message["sessionId"] = self.session.clone().into();
        }
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = self.socket.read().unwrap();
            let Ok(text) = reply.to_text() else { continue };
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            if value["id"] == self.next {
                return value["result"].clone();
            }
        }
    }

    /// The page's visible text, as the reader sees it now.
    fn text(&mut self) -> String {
        let result = self.call(
            "Runtime.evaluate",
            &serde_json::json!({ "expression": "document.body ? document.body.innerText : ''", "returnByValue": true }),
        );
        result["result"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The value of a script run in the page.
    fn eval(&mut self, expression: &str) -> serde_json::Value {
        let result = self.call(
            "Runtime.evaluate",
            &serde_json::json!({ "expression": expression, "returnByValue": true }),
        );
        result["result"]["value"].clone()
    }

    /// Waits up to `limit` for the page to show `wanted`; how long it took.
    fn wait_for(&mut self, limit: Duration, wanted: impl Fn(&str) -> bool) -> Option<Duration> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if wanted(&self.text()) {
                return Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

#[test]
fn the_open_page_follows_every_save() {
    let Some(chromium) = required(
        &["chromium", "chromium-browser", "google-chrome"],
        "chromium",
    ) else {
        return;
    };
    let project = Project::copy_of(&repo().join("tests/fixtures/genre"));
    let served = serve(&project);
    let mut browser = Browser::open(&chromium, &format!("http://{}/", served.address));
    let loaded = browser.wait_for(Duration::from_secs(15), |t| t.contains("约1.17万车次"));
    assert!(
        loaded.is_some(),
        "the page never showed: {}",
        browser.text()
    );

    let data = project.read("data/2025.yaml");
    project.write(
        "data/2025.yaml",
        &data.replace("value: 11700", "value: 11800"),
    );
    let took = browser.wait_for(Duration::from_secs(2), |t| t.contains("约1.18万车次"));
    assert!(took.is_some(), "no change within 2 s: {}", browser.text());

    // The clerk reads on, down the page, and then saves a mistake: the
    // reload keeps the scroll position, and the error must be in view.
    let scrolled = browser
        .eval("window.scrollTo(0, document.documentElement.scrollHeight / 2); window.scrollY");
    assert!(
        scrolled.as_f64().unwrap_or(0.0) > 100.0,
        "the page does not scroll: {scrolled}"
    );

    project.write(
        "data/2025.yaml",
        &data.replace("value: 11700", "value: 11800x"),
    );
    let broken = browser.wait_for(Duration::from_secs(2), |t| {
        t.contains("数值写成了文字") && t.contains("data/2025.yaml:") && t.contains("约1.18万车次")
    });
    assert!(
        broken.is_some(),
        "no error above the last good page: {}",
        browser.text()
    );
    let in_view = browser.eval(
        "(() => { const b = document.getElementById('report-errors'); if (!b) return 'no banner'; \
         const r = b.getBoundingClientRect(); \
         return window.scrollY > 100 && r.top >= 0 && r.top < window.innerHeight ? 'in view' : `top ${r.top} at scroll ${window.scrollY}`; })()",
    );
    assert_eq!(in_view, "in view");

    project.write(
        "data/2025.yaml",
        &data.replace("value: 11700", "value: 11900"),
    );
    let fixed = browser.wait_for(Duration::from_secs(2), |t| {
        !t.contains("数值写成了文字") && t.contains("约1.19万车次")
    });
    assert!(fixed.is_some(), "the error stayed: {}", browser.text());
}
