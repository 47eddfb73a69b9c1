//! `yanbao serve`: builds in memory, serves the last good build on loopback, watches the sources
//! and reloads open pages after each rebuild (Server-Sent Events).
//!
//! Shared state is one `Arc<Server>` passed to the request threads and the watcher thread; the
//! build output is swapped as a whole (`Arc<Snapshot>`) after each successful rebuild. The
//! search index, the slowest part of a build, is not made by rebuilds: it is made when a request
//! needs it and the pages changed since it was made (see `serve/index.rs`), so an edit is served as
//! soon as its pages are rendered and a preview nobody searches costs no CPU for it.

mod http;
mod index;
pub mod live;
mod watch;

use crate::error::{Error, Result};
use crate::BuildOptions;
use live::{Event, Hub};
use std::collections::BTreeSet;
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

/// Files sorted by site path, shared with the rebuild cache. A rebuild's files come sorted, so
/// they are served as they are, looked up by binary search: no map of 10,000 paths per rebuild.
pub type Files = Vec<Arc<crate::render::OutputFile>>;

/// One successful build, as served.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Generated files but the search index.
    pub files: Arc<Files>,
    /// The search index of this build or of an earlier one (see `index`).
    pub search: Arc<crate::search::Held>,
}

impl Snapshot {
    /// The file at site path `path`.
    pub fn get(&self, path: &str) -> Option<Arc<crate::render::OutputFile>> {
        find(&self.files, path)
            .cloned()
            .or_else(|| self.search.get(path))
    }
}

/// The file at `path` in `files` (sorted by path).
fn find<'a>(files: &'a Files, path: &str) -> Option<&'a Arc<crate::render::OutputFile>> {
    files
        .binary_search_by(|f| f.path.as_str().cmp(path))
        .ok()
        .map(|i| &files[i])
}

struct Server {
    root: PathBuf,
    base_url: String,
    current: RwLock<Arc<Snapshot>>,
    /// Set while the sources do not build: every page request then answers with the error.
    failure: RwLock<Option<String>>,
    /// Warnings of the last good build, as text (empty if none), shown in every page.
    warnings: RwLock<String>,
    /// Rebuilds run one at a time (the watcher and the start-up check may both ask); the lock
    /// holds the reports of the last good build, which unchanged reports reuse.
    building: std::sync::Mutex<crate::render::UnitCache>,
    /// The newest build's pages, indexed when a request needs the index.
    search: index::OnDemand,
    hub: Hub,
}

impl Server {
    /// Builds in memory after `changed`, reusing unchanged reports from `cache`; returns the
    /// snapshot, its warnings as text (empty if none) and the time.
    fn build(
        &self,
        cache: &mut crate::render::UnitCache,
        changed: &crate::render::Changed,
    ) -> Result<(Files, String, String)> {
        let start = Instant::now();
        let opts = BuildOptions {
            root: self.root.clone(),
            base_url: Some(self.base_url.clone()),
            live_reload: true,
        };
        let built = crate::build_incremental(&opts, cache, changed)?;
        let (rendered, files) = (built.rendered, built.files);
        self.search.queue(built.search);
        let warnings: String = rendered
            .warnings
            .iter()
            .map(|d| {
                d.render(
                    crate::fsx::read_text(&self.root, &d.location.file)
                        .ok()
                        .as_deref(),
                )
            })
            .collect();
        let what = format!(
            "in {} ms, {} of {} report/language pairs rendered",
            start.elapsed().as_millis(),
            rendered.units_rendered,
            rendered.units
        );
        Ok((files, warnings, what))
    }

    /// Serves `files` from now on, with the search index served so far.
    fn publish(&self, files: Files) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let search = current.search.clone();
        *current = Arc::new(Snapshot {
            files: Arc::new(files),
            search,
        });
    }

    /// Makes the search index of the newest build, if it is not made yet, and serves it.
    fn refresh_index(&self) {
        self.search.refresh(&self.root, |search| {
            let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
            *current = Arc::new(Snapshot {
                files: current.files.clone(),
                search: Arc::new(search),
            });
        });
        // The indexer's transient memory and the old index, freed: see `memory`.
        crate::memory::release_freed();
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The message of the failing rebuild, while the sources do not build.
    fn failure(&self) -> Option<String> {
        self.failure
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn set_failure(&self, msg: Option<String>) {
        *self.failure.write().unwrap_or_else(|e| e.into_inner()) = msg;
    }

    /// Rebuilds after `changed` paths changed and tells the open pages what to do: swap the
    /// stylesheets when only CSS under static/ changed, reload otherwise, or show the error.
    fn rebuild(&self, changed: &BTreeSet<PathBuf>) {
        let static_dir = self.root.join("static");
        let only_css = changed
            .iter()
            .all(|p| p.starts_with(&static_dir) && p.extension().is_some_and(|x| x == "css"));
        let mut cache = self.building.lock().unwrap_or_else(|e| e.into_inner());
        match self.build(&mut cache, &crate::render::Changed::of(&self.root, changed)) {
            Ok((files, warnings, what)) => {
                let was_failing = self.failure().is_some();
                self.publish(files);
                self.set_failure(None);
                eprintln!("rebuilt {what}; {} page(s) notified", self.hub.len());
                eprint!("{warnings}");
                *self.warnings.write().unwrap_or_else(|e| e.into_inner()) = warnings;
                self.hub.broadcast(if only_css && !was_failing {
                    &Event::Css
                } else {
                    &Event::Reload
                });
            }
            Err(e) => {
                let msg = describe(&self.root, &e);
                eprintln!("{msg}\nrebuild failed; every page shows the error until it is fixed");
                self.set_failure(Some(msg.clone()));
                self.hub.broadcast(&Event::Error(msg));
            }
        }
        // The replaced build's pages, freed: see `memory`. Not while holding the cache, which
        // the next save's rebuild waits for.
        drop(cache);
        crate::memory::release_freed();
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
        failure: RwLock::new(None),
        warnings: RwLock::new(String::new()),
        building: std::sync::Mutex::new(crate::render::UnitCache::default()),
        search: index::OnDemand::default(),
        hub: Hub::default(),
    });
    crate::memory::for_a_long_run();
    // Taken before the first build, so that a save during it still triggers a rebuild.
    let sources = fingerprint(&server.root);
    // A site that does not build yet is served as its error page until it is fixed.
    let first = {
        let mut cache = server.building.lock().unwrap_or_else(|e| e.into_inner());
        server.build(&mut cache, &crate::render::Changed::Everything)
    };
    crate::memory::release_freed();
    let ms = match first {
        Ok((files, warnings, ms)) => {
            server.publish(files);
            eprint!("{warnings}");
            *server.warnings.write().unwrap_or_else(|e| e.into_inner()) = warnings;
            ms
        }
        Err(e) => {
            let msg = describe(&server.root, &e);
            eprintln!(
                "{msg}\nthe site does not build yet; every page shows the error until it is fixed"
            );
            server.set_failure(Some(msg));
            "with errors".to_string()
        }
    };
    let _watcher = watch(server.clone(), sources, opts.poll)?;
    let url = format!("http://{addr}/");
    println!("Serving {} at {url} (built {ms}); watching content/, templates/, static/. Press Ctrl-C to stop.", opts.root.display());
    if opts.open {
        open_browser(&url);
    }
    for request in listener.incoming_requests() {
        let server = server.clone();
        std::thread::spawn(move || respond(&server, request));
    }
    Ok(())
}

/// Whether the request says it takes gzip (`Accept-Encoding: gzip`, not with `q=0`).
fn accepts_gzip(request: &tiny_http::Request) -> bool {
    request
        .headers()
        .iter()
        .filter(|h| h.field.equiv("Accept-Encoding"))
        .flat_map(|h| h.value.as_str().split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| p.replace(' ', "").eq_ignore_ascii_case("q=0"));
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

fn respond(server: &Arc<Server>, request: tiny_http::Request) {
    use tiny_http::{Header, Response};
    let header =
        |k: &str, v: &str| Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("valid header");
    if let Some(Ok(rel)) = http::site_path(request.url(), "/") {
        match index::need(&rel) {
            index::Need::Now => server.refresh_index(),
            index::Need::Soon if server.search.is_stale() => {
                let server = server.clone();
                std::thread::spawn(move || server.refresh_index());
            }
            _ => {}
        }
    }
    let snapshot = server.snapshot();
    let mut reply = http::resolve(&snapshot, &server.root.join("static"), "/", request.url());
    if let (Some(msg), http::Reply::File { content_type, .. }) = (server.failure(), &reply) {
        if content_type.starts_with("text/html") {
            reply = http::Reply::File {
                status: 500,
                content_type,
                bytes: live::error_page(&msg, "/").into_bytes(),
                packed: false,
            };
        }
    }
    let _ = match reply {
        http::Reply::File {
            status,
            content_type,
            bytes,
            packed,
        } => {
            // A packed page goes as it is to a browser that takes gzip, unpacked to others.
            let gzip = packed && accepts_gzip(&request);
            let bytes = if packed && !gzip {
                crate::render::packed::unpack(&bytes).into_owned()
            } else {
                bytes
            };
            let mut response = Response::from_data(bytes)
                .with_status_code(status)
                .with_header(header("Content-Type", content_type))
                .with_header(header("Cache-Control", "no-store"));
            if packed {
                response.add_header(header("Vary", "Accept-Encoding"));
            }
            if gzip {
                response.add_header(header("Content-Encoding", "gzip"));
            }
            request.respond(response)
        }
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
            // A page that connects while the build is broken or has warnings learns it at once.
            let warnings = server
                .warnings
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            let initial: Vec<Event> = server
                .failure()
                .map(Event::Error)
                .into_iter()
                .chain((!warnings.is_empty()).then_some(Event::Warnings(warnings)))
                .collect();
            let mut body = server.hub.subscribe(&initial);
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

/// Watches the sources and rebuilds after each burst of changes. A save made between the first
/// build and the moment the watcher is really looking (a poller's first scan comes later) is caught
/// by comparing the sources once more shortly after starting.
fn watch(server: Arc<Server>, before: Sources, poll: bool) -> Result<Box<dyn std::any::Any>> {
    let on_change = {
        let server = server.clone();
        move |paths: BTreeSet<PathBuf>| server.rebuild(&paths)
    };
    let guard = watch::start(&server.root.clone(), poll, on_change)?;
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        let now = fingerprint(&server.root);
        if now != before {
            let changed = now
                .symmetric_difference(&before)
                .map(|(p, _, _)| p.clone())
                .collect();
            server.rebuild(&changed);
        }
    });
    Ok(Box::new(guard))
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
