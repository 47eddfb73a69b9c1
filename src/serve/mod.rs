//! `yanbao serve`: builds in memory, serves the last good build on loopback, watches the sources
//! and reloads open pages after each rebuild (Server-Sent Events).
//!
//! Shared state is one `Arc<Server>` passed to the request threads and the watcher thread; the
//! build output is swapped as a whole (`Arc<Snapshot>`) after each successful rebuild.

mod http;
pub mod live;

use crate::error::{Error, Result};
use crate::BuildOptions;
use live::{Event, Hub};
use notify_debouncer_mini::notify::{PollWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, new_debouncer_opt};
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Options of `yanbao serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site folder.
    pub root: PathBuf,
    /// Address to bind.
    pub bind: String,
    /// Port (0 picks a free one).
    pub port: u16,
    /// Open a browser once serving.
    pub open: bool,
    /// Poll the file system instead of relying on native change events.
    pub poll: bool,
}

/// One successful build, as served.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Generated files by site path.
    pub files: HashMap<String, Vec<u8>>,
}

struct Server {
    root: PathBuf,
    base_url: String,
    current: RwLock<Arc<Snapshot>>,
    hub: Hub,
}

impl Server {
    fn build(&self) -> Result<(Snapshot, u128)> {
        let start = Instant::now();
        let opts = BuildOptions {
            root: self.root.clone(),
            base_url: Some(self.base_url.clone()),
            live_reload: true,
        };
        let built = crate::build_in_memory(&opts)?;
        let files = built
            .rendered
            .files
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect();
        Ok((Snapshot { files }, start.elapsed().as_millis()))
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Rebuilds after a change and tells the open pages what to do.
    fn rebuild(&self, only_css: bool) {
        match self.build() {
            Ok((snap, ms)) => {
                *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snap);
                eprintln!("rebuilt in {ms} ms; {} page(s) notified", self.hub.len());
                self.hub.broadcast(if only_css {
                    &Event::Css
                } else {
                    &Event::Reload
                });
            }
            Err(e) => {
                let msg = describe(&self.root, &e);
                eprintln!("{msg}\nrebuild failed; still serving the last good build");
                self.hub.broadcast(&Event::Error(msg));
            }
        }
    }
}

/// An error as plain text with source snippets, for the terminal and the browser overlay.
pub fn describe(root: &Path, e: &Error) -> String {
    match e {
        Error::Content(diags) => diags
            .iter()
            .map(|d| {
                d.render(
                    crate::fsx::read_text(root, &d.location.file)
                        .ok()
                        .as_deref(),
                )
            })
            .collect(),
        other => other.to_string(),
    }
}

/// Runs the server until the process is stopped (Ctrl-C).
pub fn run(opts: &ServeOptions) -> Result<()> {
    let listener = tiny_http::Server::http((opts.bind.as_str(), opts.port)).map_err(|e| {
        Error::io(
            "listen on",
            Path::new(&format!("{}:{}", opts.bind, opts.port)),
            std::io::Error::other(e.to_string()),
        )
    })?;
    let addr = listener
        .server_addr()
        .to_ip()
        .map(|a| a.to_string())
        .unwrap_or_default();
    // Watch events carry absolute paths; compare against an absolute root.
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| Error::io("open", &opts.root, e))?;
    let server = Arc::new(Server {
        root,
        base_url: format!("http://{addr}/"),
        current: RwLock::new(Arc::new(Snapshot::default())),
        hub: Hub::default(),
    });
    // Taken before the first build, so that a save during it still triggers a rebuild.
    let sources = fingerprint(&server.root);
    let (snap, ms) = server.build()?;
    *server.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snap);
    let _watcher = watch(server.clone(), sources, opts.poll)?;
    let url = format!("http://{addr}/");
    println!("Serving {} at {url} (built in {ms} ms); watching content/, templates/, static/. Press Ctrl-C to stop.", opts.root.display());
    if opts.open {
        open_browser(&url);
    }
    for request in listener.incoming_requests() {
        let server = server.clone();
        std::thread::spawn(move || respond(&server, request));
    }
    Ok(())
}

fn respond(server: &Server, request: tiny_http::Request) {
    use tiny_http::{Header, Response};
    let header =
        |k: &str, v: &str| Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("valid header");
    let snapshot = server.snapshot();
    let reply = http::resolve(&snapshot, &server.root.join("static"), "/", request.url());
    let _ = match reply {
        http::Reply::File {
            status,
            content_type,
            bytes,
        } => request.respond(
            Response::from_data(bytes)
                .with_status_code(status)
                .with_header(header("Content-Type", content_type))
                .with_header(header("Cache-Control", "no-store")),
        ),
        http::Reply::Script => request.respond(
            Response::from_string(live::script("/"))
                .with_header(header("Content-Type", "text/javascript; charset=utf-8")),
        ),
        http::Reply::Forbidden => {
            request.respond(Response::from_string("403 Forbidden").with_status_code(403))
        }
        http::Reply::Events => {
            // tiny_http buffers chunked bodies; an event stream must reach the page at once, so
            // it is written by hand and flushed after every event.
            let mut body = server.hub.subscribe();
            let mut out = request.into_writer();
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
            let mut buf = [0u8; 4096];
            let mut result = out.write_all(head.as_bytes()).and_then(|_| out.flush());
            while result.is_ok() {
                match std::io::Read::read(&mut body, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => result = out.write_all(&buf[..n]).and_then(|_| out.flush()),
                }
            }
            result
        }
    };
}

/// Watches the sources; a burst of saves within 100 ms is one rebuild.
/// Native file events by default; polling (`--poll`) where they are not delivered, as on some
/// network and container file systems.
fn watch(server: Arc<Server>, mut last: Sources, poll: bool) -> Result<Box<dyn std::any::Any>> {
    let (tx, rx) = std::sync::mpsc::channel();
    // A save between the first build and the moment the watcher is really looking (a poller's
    // first scan happens later) would be missed: look once more shortly after starting.
    let nudge = tx.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        let _ = nudge.send(Ok(Vec::new()));
    });
    let fail = |e: notify_debouncer_mini::notify::Error| {
        Error::io("watch", &server.root, std::io::Error::other(e.to_string()))
    };
    let watched: Vec<PathBuf> = ["content", "templates", "static"]
        .iter()
        .map(|d| server.root.join(d))
        .filter(|p| p.is_dir())
        .collect();
    let guard: Box<dyn std::any::Any> = if poll {
        let notify_config = notify_debouncer_mini::notify::Config::default()
            .with_poll_interval(Duration::from_millis(150));
        let config = notify_debouncer_mini::Config::default()
            .with_timeout(Duration::from_millis(100))
            .with_notify_config(notify_config);
        let mut d = new_debouncer_opt::<_, PollWatcher>(config, tx).map_err(fail)?;
        for path in &watched {
            d.watcher()
                .watch(path, RecursiveMode::Recursive)
                .map_err(fail)?;
        }
        Box::new(d)
    } else {
        let mut d = new_debouncer(Duration::from_millis(100), tx).map_err(fail)?;
        for path in &watched {
            d.watcher()
                .watch(path, RecursiveMode::Recursive)
                .map_err(fail)?;
        }
        Box::new(d)
    };
    std::thread::spawn(move || {
        while let Ok(batch) = rx.recv() {
            if batch.is_err() {
                continue;
            }
            // Coalesce whatever else arrived while we were busy into this rebuild.
            while rx.try_recv().is_ok() {}
            // Reading the sources while building raises access events on some platforms; only a
            // change of a file's size, time or presence starts a rebuild, and what changed
            // decides between a stylesheet swap and a reload.
            let now = fingerprint(&server.root);
            if now == last {
                continue;
            }
            let changed: Vec<&PathBuf> =
                now.symmetric_difference(&last).map(|(p, _, _)| p).collect();
            let static_dir = server.root.join("static");
            let only_css = changed
                .iter()
                .all(|p| p.starts_with(&static_dir) && p.extension().is_some_and(|x| x == "css"));
            last = now;
            server.rebuild(only_css);
        }
    });
    Ok(guard)
}

/// Size, modification time and path of every source file, to tell real changes from reads.
type Sources = BTreeSet<(PathBuf, u64, Option<std::time::SystemTime>)>;

fn fingerprint(root: &Path) -> Sources {
    ["content", "templates", "static"]
        .iter()
        .flat_map(|d| {
            walkdir::WalkDir::new(root.join(d))
                .sort_by_file_name()
                .into_iter()
                .flatten()
        })
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            Some((e.path().to_path_buf(), m.len(), m.modified().ok()))
        })
        .collect()
}

fn open_browser(url: &str) {
    for cmd in ["xdg-open", "open"] {
        if std::process::Command::new(cmd)
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
        {
            return;
        }
    }
    eprintln!("could not open a browser; visit {url}");
}
