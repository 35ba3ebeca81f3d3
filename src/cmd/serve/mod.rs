//! `report serve [YEAR]`: the report's HTML on a local web server, rebuilt
//! on every save of the data, templates or config; the open page reloads by
//! itself (server-sent events, from a few lines of script the server puts in
//! the page). An error shows above the last good page, as the terminal
//! writes it, and goes when fixed. Only the page and its event stream are
//! served: every other path is 404, whatever its encoding.

mod http;

use http::{Page, Shared};

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::cli::ServeArgs;
use crate::cli::console::Console;
use crate::diagnostic::Severity;
use crate::error::{Error, Exit};
use crate::pipeline;
use crate::pipeline::{Making, Session};
use crate::source::config::{Overrides, Project};
use crate::source::format::Format;
use crate::source::units::{self, Job};
use crate::tr;

pub(crate) fn run(args: ServeArgs, root: &Path, console: &Console) -> Result<Exit, Error> {
    let project = Project::open(root, Overrides::default())?;
    let job = units::one(&project, args.year, args.unit)?;
    serve(
        &project,
        &job,
        SocketAddr::new(args.bind, args.port),
        console,
    )
}

fn serve(
    project: &Project,
    job: &Job,
    address: SocketAddr,
    console: &Console,
) -> Result<Exit, Error> {
    // Bound here, before anything else, so that a port in use is an error
    // of the command, with its hint.
    let listener = std::net::TcpListener::bind(address).map_err(|e| Error::Serve {
        address: address.to_string(),
        reason: e.to_string(),
    })?;
    let page = Arc::new(Mutex::new(Page::default()));
    let (generation, _) = tokio::sync::watch::channel(0u64);
    let shared = Shared { page, generation };
    rebuild(project, job, &shared, console);
    let (sender, events) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender).map_err(|e| Error::Watch {
        reason: e.to_string(),
    })?;
    let _ = watcher.watch(&project.root, RecursiveMode::NonRecursive);
    for dir in [&project.data_dir, &project.templates_dir] {
        if dir.is_dir() {
            let _ = watcher.watch(dir, RecursiveMode::Recursive);
        }
    }
    {
        let (project, job, shared) = (project.clone(), job.clone(), shared.clone());
        let console = console.clone();
        std::thread::spawn(move || {
            while let Ok(event) = events.recv() {
                let mut relevant = crate::source::inputs::changed(&project, &event);
                while let Ok(more) = events.recv_timeout(Duration::from_millis(150)) {
                    relevant |= crate::source::inputs::changed(&project, &more);
                }
                if relevant {
                    rebuild(&project, &job, &shared, &console);
                }
            }
        });
    }
    let url = format!("http://{}/", listener.local_addr().map_or(address, |a| a));
    console.status(&tr!(
        "正在 {url} 提供报告，保存数据或模板后页面自动刷新（Ctrl-C 结束）",
        "serving the report at {url}; the page reloads on every save (Ctrl-C to stop)"
    ));
    http::run(listener, shared).map_err(|e| Error::Serve {
        address: address.to_string(),
        reason: e.to_string(),
    })?;
    Ok(Exit::Done)
}

/// Renders the year's HTML in memory; keeps the last good page on error.
/// The config is read again, so a change to `report.yaml` shows too.
fn rebuild(project: &Project, job: &Job, shared: &Shared, console: &Console) {
    let result = Project::open(&project.root, Overrides::default()).and_then(|mut html_only| {
        html_only.formats = vec![Format::Html];
        html_only.preview = true;
        render(&html_only, job)
    });
    show(result, shared, console);
}

fn render(html_only: &Project, job: &Job) -> Result<pipeline::Rendered, Error> {
    let (rendered, _) = Session::open(html_only)??.render_one(job, Making::Text)?;
    Ok(rendered)
}

fn show(result: Result<pipeline::Rendered, Error>, shared: &Shared, console: &Console) {
    let (html, diagnostics) = match result {
        Ok(rendered) => {
            let html = rendered
                .outputs
                .into_iter()
                .find(|(path, _)| path.extension().is_some_and(|e| e == "html"))
                .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned());
            (html, rendered.diagnostics)
        }
        Err(error) => (None, error.diagnostics()),
    };
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    console.diagnostics(&diagnostics);
    let text: String = errors
        .iter()
        .map(|d| d.render(false))
        .collect::<Vec<_>>()
        .join("\n");
    if let Ok(mut page) = shared.page.lock() {
        if let (Some(html), true) = (html, errors.is_empty()) {
            page.html = html;
        }
        page.errors = text;
    }
    // Every open page hears of it, and reloads.
    shared.generation.send_modify(|g| *g += 1);
}
