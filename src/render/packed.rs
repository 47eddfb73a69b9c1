//! Pages the preview keeps, held gzipped: at 10,000 pages the rendered HTML is ≈300 MB, most of
//! what `yanbao serve` holds. A kept page is packed as it is emitted (after its links and ids
//! are read), sent as it is to a browser that accepts gzip, and unpacked for anything else.
//!
//! The search index's JSON files are held packed too.
//!
//! A packed file is told by its first bytes: gzip starts with 1F 8B, which no UTF-8 text can
//! (8B is a continuation byte), and every page and JSON file yanbao makes is UTF-8. So a file
//! needs no flag, and [`OutputFile::contents`] works on any file.

use super::OutputFile;
use flate2::{read::GzDecoder, Compress, Compression, FlushCompress, Status};
use std::borrow::Cow;
use std::io::Read;

const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// A gzip compressor kept for many pages. Its state is a few hundred KB: made afresh for each
/// page, those allocations made glibc raise its mmap threshold and keep them in its arenas, and
/// the preview's memory grew to 2 GB at 10,000 pages.
#[derive(Debug)]
pub struct Packer(Compress);

impl Default for Packer {
    fn default() -> Packer {
        Packer(Compress::new_gzip(Compression::fast(), 15))
    }
}

impl Packer {
    /// `bytes`, gzipped; `bytes` as they are if compression fails (it cannot, in memory).
    /// Fast compression: HTML still shrinks ~6×, and a rebuild packs only the pages it
    /// rendered. The header holds no time, so the same page packs to the same bytes.
    pub fn pack(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.0.reset();
        let mut out = Vec::with_capacity(bytes.len() / 4 + 64);
        loop {
            let read = self.0.total_in() as usize;
            match self.0.compress_vec(
                &bytes[read.min(bytes.len())..],
                &mut out,
                FlushCompress::Finish,
            ) {
                Ok(Status::StreamEnd) => break,
                Ok(_) => out.reserve(out.capacity().max(1024)),
                Err(_) => return bytes.to_vec(),
            }
        }
        out.shrink_to_fit();
        out
    }
}

thread_local! {
    /// One packer per rendering thread: a cache with no effect on what is packed (a packer
    /// used again gives the bytes a new one gives; tested below).
    static PACKER: std::cell::RefCell<Packer> = std::cell::RefCell::default();
}

/// `bytes`, gzipped (see [`Packer::pack`]) by this thread's packer.
pub fn pack(bytes: &[u8]) -> Vec<u8> {
    PACKER.with_borrow_mut(|p| p.pack(bytes))
}

/// `bytes` made by [`pack`], unpacked; bytes that do not unpack are given back as they are
/// (only yanbao packs, so that would be a file that merely looks packed).
pub fn unpack(bytes: &[u8]) -> Cow<'_, [u8]> {
    let mut out = Vec::with_capacity(bytes.len() * 6);
    match GzDecoder::new(bytes).read_to_end(&mut out) {
        Ok(_) => Cow::Owned(out),
        Err(_) => Cow::Borrowed(bytes),
    }
}

/// Whether a file at `path` is packed when kept: pages and JSON, which yanbao writes as UTF-8.
pub fn packs(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".json")
}

impl OutputFile {
    /// Whether the bytes are a page packed by [`pack`].
    pub fn is_packed(&self) -> bool {
        packs(&self.path) && self.bytes.starts_with(&MAGIC)
    }

    /// The file, packed if it is of a kind that is (see [`packs`]).
    pub fn packed(mut self) -> OutputFile {
        if packs(&self.path) && !self.is_packed() {
            self.bytes = pack(&self.bytes);
        }
        self
    }

    /// The file's contents, unpacked if it is packed.
    pub fn contents(&self) -> Cow<'_, [u8]> {
        if self.is_packed() {
            unpack(&self.bytes)
        } else {
            Cow::Borrowed(&self.bytes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes,
        }
    }

    #[test]
    fn packs_pages_that_unpack_to_the_same_bytes_every_time() {
        let html = "<!doctype html><p>多模态 ".repeat(500);
        let packed = file("a/index.html", pack(html.as_bytes()));
        assert!(packed.is_packed());
        assert!(packed.bytes.len() * 4 < html.len());
        assert_eq!(packed.contents(), html.as_bytes());
        assert_eq!(pack(html.as_bytes()), packed.bytes, "deterministic");
        // A packer used again gives what a new one gives, for pages larger than its first guess.
        let mut packer = Packer::default();
        let big: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        for bytes in [html.as_bytes(), &big, b"", html.as_bytes()] {
            let p = packer.pack(bytes);
            assert_eq!(p, Packer::default().pack(bytes));
            assert_eq!(p, pack(bytes));
            assert_eq!(unpack(&p), bytes);
        }
    }

    #[test]
    fn only_packed_pages_are_unpacked() {
        let page = file("index.html", b"<!doctype html>".to_vec());
        assert!(!page.is_packed());
        assert!(matches!(page.contents(), Cow::Borrowed(_)));
        // JSON is packed; other files never are, whatever their first bytes.
        let json = file("search-index/en/p/0.json", b"{}".to_vec()).packed();
        assert!(json.is_packed());
        assert_eq!(json.contents(), b"{}".as_slice());
        let csv = file("data.csv", b"a,b".to_vec()).packed();
        assert_eq!(csv.bytes, b"a,b");
        let gz = file("data.csv.gz", pack(b"a,b"));
        assert!(!gz.is_packed());
        assert_eq!(gz.contents(), gz.bytes.as_slice());
        // A page that only looks packed is given as it is.
        let fake = file("b/index.html", vec![0x1f, 0x8b, 1, 2, 3]);
        assert!(fake.is_packed());
        assert_eq!(fake.contents(), fake.bytes.as_slice());
    }
}
