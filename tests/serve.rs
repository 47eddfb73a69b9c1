//! `yanbao serve` end to end: a real server on a free port, a real file change, a real reload event.

mod common;

use common::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The server process, killed when the test ends, even on failure.
struct Serve {
    child: Child,
    port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &TestSite) -> Serve {
    start_with(site, &[])
}

fn start_with(site: &TestSite, extra: &[&str]) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yanbao"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .arg("--root")
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .and_then(|p| p.parse().ok());
    let port = port.unwrap_or_else(|| panic!("no address in {line:?}"));
    Serve { child, port }
}

/// A minimal HTTP GET with `extra` header lines: the head and the body's bytes.
fn request(port: u16, path: &str, extra: &str) -> (String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n{extra}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let at = raw.windows(4).position(|w| w == b"\r\n\r\n");
    let (head, body) = match at {
        Some(at) => (&raw[..at], raw[at + 4..].to_vec()),
        None => (raw.as_slice(), Vec::new()),
    };
    (String::from_utf8_lossy(head).into_owned(), body)
}

/// A minimal HTTP GET: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let (head, body) = request(port, path, "");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// The line of response header `name` (any case) to a GET of `path`, or "".
fn header(port: u16, path: &str, name: &str) -> String {
    let (head, _) = request(port, path, "");
    head.lines()
        .find(|l| {
            l.to_lowercase()
                .starts_with(&format!("{}:", name.to_lowercase()))
        })
        .unwrap_or("")
        .to_string()
}

#[test]
fn serves_pages_with_reload_script_and_right_types() {
    let site = TestSite::mini();
    let server = start(&site);
    let (status, html) = get(server.port, "/en/alpha/one/");
    assert_eq!(status, 200);
    assert!(
        html.contains("__yanbao/live.js"),
        "serve injects the reload script"
    );
    assert!(get(server.port, "/__yanbao/live.js")
        .1
        .contains("EventSource"));
    assert!(header(server.port, "/style.css", "content-type").contains("text/css"));
    assert!(
        header(server.port, "/alpha/charts/sizes.svg", "content-type").contains("image/svg+xml")
    );
    assert!(header(server.port, "/alpha/charts/sizes.csv", "content-type").contains("text/csv"));
    assert!(header(server.port, "/sitemap.xml", "content-type").contains("xml"));
    let (status, body) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("页面未找到"));
    // The build command never writes the script.
    site.build_ok(&[]);
    assert!(!site.out("en/alpha/one/index.html").contains("live.js"));
}

/// The answer to a GET of `path` sent with `accept` as Accept-Encoding: head (lowercased) and
/// body bytes.
fn get_raw(port: u16, path: &str, accept: &str) -> (String, Vec<u8>) {
    let (head, body) = request(port, path, &format!("Accept-Encoding: {accept}\r\n"));
    (head.to_lowercase(), body)
}

/// The preview holds its pages gzipped: a browser that takes gzip gets them so, any other client
/// gets the same page unpacked.
#[test]
fn pages_are_sent_gzipped_to_browsers_that_take_it_and_plain_to_others() {
    use std::io::Read as _;
    let site = TestSite::mini();
    let server = start(&site);
    let (status, plain) = get(server.port, "/en/alpha/one/");
    assert_eq!(status, 200);
    assert!(plain.contains("</html>"), "{plain}");
    let (head, body) = get_raw(server.port, "/en/alpha/one/", "gzip, deflate, br");
    assert!(head.contains("content-encoding: gzip"), "{head}");
    assert!(head.contains("vary: accept-encoding"), "{head}");
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(body.as_slice())
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain);
    for refused in ["identity", "gzip;q=0", "br"] {
        let (head, body) = get_raw(server.port, "/en/alpha/one/", refused);
        assert!(!head.contains("content-encoding"), "{refused}: {head}");
        assert_eq!(String::from_utf8(body).unwrap(), plain, "{refused}");
    }
    // Other files are sent as they are.
    let (head, _) = get_raw(server.port, "/sitemap.xml", "gzip");
    assert!(!head.contains("content-encoding"), "{head}");
}

#[test]
fn refuses_paths_that_leave_the_site() {
    let site = TestSite::mini();
    // Real files outside what is served: the site's sources and a file beside the site folder.
    let outside = site.root().join("secret.txt");
    std::fs::write(&outside, "secret-7f3a").unwrap();
    site.write("static/inner.txt", "inner-ok");
    let server = start(&site);
    assert_eq!(
        get(server.port, "/inner.txt").1,
        "inner-ok",
        "the oracle works"
    );
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/alpha/%2E%2E/%2E%2E/secret.txt",
        "/..%5csecret.txt",
        "/../content/site.yaml",
        "/%2e%2e/content/site.yaml",
        "/static/../secret.txt",
    ] {
        let (status, body) = get(server.port, path);
        assert!(
            !body.contains("secret-7f3a") && !body.contains("base_url"),
            "{path} leaked"
        );
        assert!(status == 403 || status == 404, "{path} gave {status}");
    }
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/alpha/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/..%5c..%5cetc%5cpasswd",
        "/%00",
    ] {
        let (status, _) = get(server.port, path);
        assert!(status == 403 || status == 404, "{path} gave {status}");
    }
}

#[test]
fn a_change_rebuilds_and_reloads_open_pages() {
    let site = TestSite::mini();
    let server = start(&site);
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    write!(
        events,
        "GET /__yanbao/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut buf = [0u8; 4096];
    let n = events.read(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).contains("text/event-stream"));

    site.edit(
        "content/reports/alpha/chapters/two.en.md",
        "Body, back",
        "Freshly edited body, back",
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if get(server.port, "/en/alpha/two/")
            .1
            .contains("Freshly edited body")
        {
            break;
        }
        assert!(Instant::now() < deadline, "the served page never changed");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut seen = String::new();
    while !seen.contains("event: reload") {
        let n = events
            .read(&mut buf)
            .expect("a reload event within the timeout");
        assert!(n > 0, "event stream closed");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }

    // A broken file sends the error to open pages, and every page request answers with it until
    // the file is fixed.
    site.edit(
        "content/reports/alpha/chapters/two.en.md",
        "order: 2",
        "order: two",
    );
    while !seen.contains("event: error") {
        let n = events
            .read(&mut buf)
            .expect("an error event within the timeout");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("two.en.md:3:8"), "{seen}");
    for path in ["/en/alpha/two/", "/", "/alpha/one/", "/no/such/page/"] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 500, "{path}");
        assert!(body.contains("two.en.md:3:8"), "{path}: {body}");
        assert!(
            body.contains("__yanbao/live.js"),
            "the error page reloads once fixed"
        );
    }
    // A page that connects later still gets the error on its event stream.
    let mut late = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    late.set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    write!(
        late,
        "GET /__yanbao/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut late_seen = String::new();
    while !late_seen.contains("event: error") {
        let n = late.read(&mut buf).expect("the error on connect");
        assert!(n > 0);
        late_seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    site.edit(
        "content/reports/alpha/chapters/two.en.md",
        "order: two",
        "order: 2",
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    while get(server.port, "/en/alpha/two/").0 != 200 {
        assert!(Instant::now() < deadline, "the site never came back");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn polling_sees_every_save_even_within_one_second() {
    let site = TestSite::mini();
    let server = start_with(&site, &["--poll"]);
    std::thread::sleep(Duration::from_millis(900));
    let file = "content/reports/alpha/chapters/two.zh.md";
    let mut current = "正文。".to_string();
    // Same length each time, several within one second: neither size nor a whole-second
    // modification time tells these saves apart, only their content.
    for i in 0..6 {
        let next = format!("正文{i}。");
        site.edit(file, &current, &next);
        current = next;
        let deadline = Instant::now() + Duration::from_secs(10);
        while !get(server.port, "/alpha/two/").1.contains(&current) {
            assert!(Instant::now() < deadline, "save {i} never appeared");
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

#[test]
fn polling_watcher_also_rebuilds() {
    let site = TestSite::mini();
    let server = start_with(&site, &["--poll"]);
    // Past the start-up re-check, so that only the poller can notice the save.
    std::thread::sleep(Duration::from_millis(900));
    site.edit(
        "content/reports/alpha/chapters/two.zh.md",
        "正文。",
        "轮询修改后的正文。",
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    while !get(server.port, "/alpha/two/")
        .1
        .contains("轮询修改后的正文")
    {
        assert!(
            Instant::now() < deadline,
            "the polling watcher never rebuilt"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The index's count of pages in `lang`, once the index is served.
fn indexed_pages(port: u16, lang: &str) -> Option<u64> {
    let (status, body) = get(port, &format!("/search-index/{lang}/meta.json"));
    let meta: serde_json::Value = serde_json::from_str(&body).ok().filter(|_| status == 200)?;
    meta["pages"].as_u64()
}

#[test]
fn the_search_index_is_made_again_on_request_after_a_change() {
    let site = TestSite::mini();
    let server = start(&site);
    let wait = |what: &str, ok: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(120);
        while !ok() {
            assert!(Instant::now() < deadline, "{what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait("the first index was never served", &|| {
        indexed_pages(server.port, "en").is_some()
    });
    let before = indexed_pages(server.port, "en").unwrap();
    for lang in ["zh", "en"] {
        site.write(
            &format!("content/reports/alpha/chapters/three.{lang}.md"),
            &format!("---\ntitle: Three {lang}\norder: 3\n---\n\nSearchable new text.\n"),
        );
    }
    // The page is served at once; the index is made again when it is asked for.
    wait("the new page was never served", &|| {
        get(server.port, "/en/alpha/three/").0 == 200
    });
    wait("the index never took the new page in", &|| {
        indexed_pages(server.port, "en") == Some(before + 1)
    });
    // Page files are made on request, from the pages the index was made from.
    let page_file = |n: u64| get(server.port, &format!("/search-index/en/p/{n}.json"));
    let files: Vec<(u16, String)> = (0..=before + 1).map(page_file).collect();
    assert!(files[..=before as usize]
        .iter()
        .all(|(status, _)| *status == 200));
    let new = files
        .iter()
        .filter(|(_, body)| body.contains("Searchable new text"));
    let new: Vec<&String> = new.map(|(_, body)| body).collect();
    assert_eq!(new.len(), 1, "one page file has the new text");
    assert!(
        new[0].contains("\"url\":\"/en/alpha/three/\""),
        "{}",
        new[0]
    );
    assert_eq!(
        files[before as usize + 1].0,
        404,
        "no page file past the last page"
    );
}
