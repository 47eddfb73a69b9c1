//! Watching the sources. Only a change to a file under `content/`, `templates/` or `static/`
//! (created, written, removed, renamed) starts a rebuild; opening or reading one never does, so
//! the preview's own reads during a build cannot set off another one and an idle preview costs
//! no CPU. `--poll` compares file contents, not whole-second modification times, so two saves
//! within a second are both seen.

use crate::error::{Error, Result};
use notify::event::{MetadataKind, ModifyKind};
use notify::{Event, EventKind, PollWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::Duration;

/// Quiet time that ends a burst of saves: one burst, one rebuild. An editor's save raises its
/// events within a few milliseconds; every millisecond here is one the preview answers later.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// The source folders of a site that are watched.
pub const SOURCE_DIRS: [&str; 3] = ["content", "templates", "static"];

/// Whether an event kind means a file changed (rather than was looked at).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(m) => !matches!(
            m,
            ModifyKind::Metadata(
                MetadataKind::AccessTime
                    | MetadataKind::Permissions
                    | MetadataKind::Ownership
                    | MetadataKind::Extended
                    | MetadataKind::Other
            )
        ),
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// Changed paths of an event, or none if it only reports a read.
fn changed_paths(event: notify::Result<Event>) -> Vec<PathBuf> {
    match event {
        Ok(e) if is_change(&e.kind) => e.paths,
        _ => Vec::new(),
    }
}

/// Starts watching `root`'s source folders; `on_change` runs on the watcher's own thread with
/// the changed paths of each burst. The returned guard stops watching when dropped.
pub fn start(
    root: &Path,
    poll: bool,
    on_change: impl Fn(BTreeSet<PathBuf>) + Send + 'static,
) -> Result<Box<dyn Watcher + Send>> {
    let (tx, rx) = channel();
    let fail = |e: notify::Error| Error::io("watch", root, std::io::Error::other(e.to_string()));
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        let config = notify::Config::default()
            .with_poll_interval(Duration::from_millis(150))
            .with_compare_contents(true);
        Box::new(PollWatcher::new(tx, config).map_err(fail)?)
    } else {
        Box::new(notify::recommended_watcher(tx).map_err(fail)?)
    };
    for dir in SOURCE_DIRS
        .iter()
        .map(|d| root.join(d))
        .filter(|p| p.is_dir())
    {
        watcher
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(fail)?;
    }
    std::thread::spawn(move || {
        while let Some(paths) = next_burst(&rx) {
            if !paths.is_empty() {
                on_change(paths);
            }
        }
    });
    Ok(watcher)
}

/// Waits for the next change and gathers the changes that follow it until the debounce time
/// passes quietly; `None` once the watcher is gone.
fn next_burst(rx: &Receiver<notify::Result<Event>>) -> Option<BTreeSet<PathBuf>> {
    let mut paths: BTreeSet<PathBuf> = BTreeSet::new();
    while paths.is_empty() {
        paths.extend(changed_paths(rx.recv().ok()?));
    }
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(e) => paths.extend(changed_paths(e)),
            Err(RecvTimeoutError::Timeout) => return Some(paths),
            Err(RecvTimeoutError::Disconnected) => return Some(paths),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, DataChange};

    #[test]
    fn reads_are_not_changes() {
        assert!(!is_change(&EventKind::Access(AccessKind::Any)));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::WriteTime
        ))));
    }

    #[test]
    fn a_burst_is_gathered_and_reads_are_dropped() {
        let (tx, rx) = channel();
        let read = Event::new(EventKind::Access(AccessKind::Any)).add_path("r".into());
        let write = |p: &str| {
            Event::new(EventKind::Modify(ModifyKind::Data(DataChange::Any))).add_path(p.into())
        };
        tx.send(Ok(read.clone())).unwrap();
        tx.send(Ok(write("a"))).unwrap();
        tx.send(Ok(read)).unwrap();
        tx.send(Ok(write("b"))).unwrap();
        let burst = next_burst(&rx).unwrap();
        assert_eq!(burst, BTreeSet::from(["a".into(), "b".into()]));
        drop(tx);
        assert!(next_burst(&rx).is_none());
    }
}
