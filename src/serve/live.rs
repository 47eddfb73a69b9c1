//! Live reload: a hub of Server-Sent-Event clients and the script pages load in serve mode.

use std::io::Read;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;
use std::time::Duration;

/// What open pages are told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Reload the page.
    Reload,
    /// Only stylesheets changed: swap them in place.
    Css,
    /// The rebuild failed; show this message.
    Error(String),
    /// The build succeeded with these warnings.
    Warnings(String),
}

impl Event {
    /// The event in SSE wire format.
    pub fn wire(&self) -> String {
        let (name, data) = match self {
            Event::Reload => ("reload", String::new()),
            Event::Css => ("css", String::new()),
            Event::Error(msg) => ("error", msg.clone()),
            Event::Warnings(msg) => ("warnings", msg.clone()),
        };
        // Every line break an EventSource recognises (CR LF, LF, lone CR) ends a data line, so
        // text from a source file can never start a field of its own.
        let data: String = data
            .replace("\r\n", "\n")
            .split(['\r', '\n'])
            .filter(|l| !l.is_empty())
            .map(|l| format!("data: {l}\n"))
            .collect();
        format!(
            "event: {name}\n{}\n",
            if data.is_empty() {
                "data: \n".to_string()
            } else {
                data
            }
        )
    }
}

/// Connected clients; a closed connection is dropped on the next broadcast.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    /// Registers a client and returns the body its response streams, starting with `initial`.
    pub fn subscribe(&self, initial: &[Event]) -> SseBody {
        let (tx, rx) = channel();
        let _ = tx.send(": connected\n\n".to_string());
        for e in initial {
            let _ = tx.send(e.wire());
        }
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        SseBody {
            rx,
            buf: Vec::new(),
            pos: 0,
        }
    }

    /// Sends an event to every client.
    pub fn broadcast(&self, event: &Event) {
        let wire = event.wire();
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|c| c.send(wire.clone()).is_ok());
    }

    /// Number of connected clients.
    pub fn len(&self) -> usize {
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether no client is connected.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A response body that yields events as they are broadcast, with keep-alive comments.
pub struct SseBody {
    rx: Receiver<String>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for SseBody {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.buf.len() {
            let next = match self.rx.recv_timeout(Duration::from_secs(15)) {
                Ok(s) => s,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
                Err(_) => return Ok(0),
            };
            self.buf = next.into_bytes();
            self.pos = 0;
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The page every request gets while the sources do not build: the error, escaped, and the
/// live-reload script, so the page turns back into the site as soon as the error is fixed.
pub fn error_page(message: &str, base_path: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed — yanbao</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\
         <body style=\"margin:0;background:#1b1f24;color:#f3f4f6;font:14px/1.5 ui-monospace,monospace\">\
         <main role=\"alert\" style=\"padding:1rem 1.25rem;white-space:pre-wrap\"><h1 style=\"font-size:1.1rem;color:#f87171\">\
         yanbao: the site does not build</h1>{}</main>\
         <script src=\"{}__yanbao/live.js\"></script></body></html>\n",
        crate::escape::html(message),
        crate::escape::html(base_path)
    )
}

/// The script injected into pages by `yanbao serve` (never by `yanbao build`).
pub fn script(base_path: &str) -> String {
    include_str!("live.js").replace("__BASE__", base_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_errors_become_several_data_lines() {
        assert_eq!(
            Event::Error("a\nb".into()).wire(),
            "event: error\ndata: a\ndata: b\n\n"
        );
        // A lone CR in a source line cannot smuggle a field of its own.
        let wire = Event::Error("x\revent: reload\r\ny\rretry: 1".into()).wire();
        assert_eq!(
            wire,
            "event: error\ndata: x\ndata: event: reload\ndata: y\ndata: retry: 1\n\n"
        );
        assert!(!wire.contains('\r'));
        assert_eq!(Event::Reload.wire(), "event: reload\ndata: \n\n");
    }

    #[test]
    fn the_error_page_escapes_the_message() {
        let page = error_page("<script>alert(1)</script> in a.md:3", "/");
        assert!(page.contains("&lt;script&gt;alert(1)"));
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("__yanbao/live.js"));
    }

    #[test]
    fn broadcast_reaches_subscribers_and_drops_closed_ones() {
        let hub = Hub::default();
        let mut body = hub.subscribe(&[]);
        drop(hub.subscribe(&[]));
        hub.broadcast(&Event::Css);
        assert_eq!(hub.len(), 1);
        let mut buf = [0u8; 64];
        let n = body.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b": connected\n\n");
        let n = body.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"event: css\ndata: \n\n");
    }
}
