//! Bounds on what a template may do: a project's template is code, and a
//! loop written wrong (`range(end=100000)` inside another) must end in a
//! message, not a machine out of memory or a build that never ends. What a
//! render writes is capped at [`MAX_OUTPUT`] and checked against its
//! deadline as it is written; a render that writes nothing for longer than
//! [`MAX_TIME`] is caught by a watchdog, which can only end the process:
//! Tera cannot be interrupted, so the watchdog says which template ran away
//! and exits 2 (no output is half written: outputs are published whole).

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::{Mutex, OnceLock};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostic;
use crate::error::Findings;
use crate::tr;

/// The most text a template may render: a report of a thousand pages is
/// a few megabytes.
pub(super) const MAX_OUTPUT: usize = 64 * 1024 * 1024;
/// The longest a template may take: a report renders in milliseconds.
pub(super) const MAX_TIME: Duration = Duration::from_secs(10);

/// Why a render was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stopped {
    Size,
    Time,
}

/// A writer that stops a render going past its bounds.
pub(super) struct Bounded {
    bytes: Vec<u8>,
    deadline: Instant,
    stopped: Option<Stopped>,
    /// Writes since the clock was last read: Tera writes in small pieces,
    /// and reading the clock at each cost a report 1 % of its instructions.
    writes: u32,
}

impl Write for Bounded {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writes += 1;
        if self.bytes.len() + buf.len() > MAX_OUTPUT {
            self.stopped = Some(Stopped::Size);
        } else if self.writes.is_multiple_of(4096) && Instant::now() > self.deadline {
            self.stopped = Some(Stopped::Time);
        }
        if self.stopped.is_some() {
            return Err(io::Error::other("the template went past its bounds"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Renders with `render` (a Tera `render_to`), within the bounds; `name`
/// is the template as messages show it; `watch` puts the render under the
/// watchdog (a project's template: the built-in ones need none, and a build
/// with them starts no thread for it); `invalid` turns Tera's own errors
/// into the tool's.
pub(super) fn render<E>(
    name: &str,
    watch: bool,
    render: impl FnOnce(&mut Bounded) -> Result<(), E>,
    invalid: impl FnOnce(E) -> Diagnostic,
) -> Result<Vec<u8>, Findings> {
    let started = Instant::now();
    let mut out = Bounded {
        bytes: Vec::with_capacity(32 * 1024),
        deadline: started + MAX_TIME,
        stopped: None,
        writes: 0,
    };
    let _watched = watch.then(|| Watched::start(name, started));
    let result = render(&mut out);
    match (result, out.stopped) {
        (_, Some(stopped)) => Err(Findings::one(stopped_error(name, stopped))),
        (Err(error), None) => Err(Findings::one(invalid(error))),
        (Ok(()), None) => Ok(out.bytes),
    }
}

fn stopped_error(name: &str, stopped: Stopped) -> Diagnostic {
    let message = match stopped {
        Stopped::Size => tr!(
            "模板 {name} 生成的文字超过了 {} MB，已停止",
            "the template {name} rendered more than {} MB and was stopped",
            MAX_OUTPUT / 1024 / 1024
        ),
        Stopped::Time => tr!(
            "模板 {name} 运行超过了 {} 秒，已停止",
            "the template {name} ran for more than {} seconds and was stopped",
            MAX_TIME.as_secs()
        ),
    };
    Diagnostic::error(message).code("template-runaway").hint(tr!(
        "多半是循环写错了（循环套循环、range 的范围太大）：检查模板里的 for 循环",
        "most likely a loop is wrong (a loop in a loop, a range too large): check the template's for loops"
    ))
}

/// The renders in progress, by thread: when each started, and which
/// template it is.
fn watched() -> &'static Mutex<HashMap<ThreadId, (Instant, String)>> {
    static WATCHED: OnceLock<Mutex<HashMap<ThreadId, (Instant, String)>>> = OnceLock::new();
    WATCHED.get_or_init(|| {
        // The watchdog: once a second, any render past its time ends the
        // process with a message naming the template.
        std::thread::spawn(|| {
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let late = watched().lock().ok().and_then(|renders| {
                    renders
                        .values()
                        .find(|(started, _)| started.elapsed() > MAX_TIME + Duration::from_secs(1))
                        .map(|(_, name)| name.clone())
                });
                if let Some(name) = late {
                    let _ = writeln!(
                        anstream::stderr(),
                        "{}",
                        stopped_error(&name, Stopped::Time).render(false)
                    );
                    std::process::exit(2);
                }
            }
        });
        Mutex::new(HashMap::new())
    })
}

/// A render registered with the watchdog while it runs.
struct Watched;

impl Watched {
    fn start(name: &str, started: Instant) -> Self {
        if let Ok(mut renders) = watched().lock() {
            renders.insert(std::thread::current().id(), (started, name.to_string()));
        }
        Self
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        if let Ok(mut renders) = watched().lock() {
            renders.remove(&std::thread::current().id());
        }
    }
}
