//! One language's index, written as `docs/search-index.md` says: pages are added in order, each
//! leaving its page file and its term counts; the postings are kept as varints until the end,
//! when they are scored, sorted into the browser's string order and cut into chunks.
//! Memory is the postings (a few bytes per term of a page), not the pages.

use super::extract::Doc;
use super::terms::index_terms;
use crate::render::OutputFile;
use rustc_hash::FxHashMap;

/// A chunk is closed once it holds this many bytes: small enough that a query fetches little,
/// large enough that a site of 10,000 pages has a dictionary of a few hundred chunks.
const CHUNK_BYTES: usize = 32 * 1024;

/// BM25's parameters, the usual ones.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Headings count this many times an occurrence in body text.
const HEADING_WEIGHT: u32 = 3;

/// The terms of one page, counted, and its length in terms.
#[derive(Debug, Default)]
pub struct PageTerms {
    len: u32,
    counts: FxHashMap<String, u32>,
}

impl PageTerms {
    /// Counts the terms of `doc`: those in headings [`HEADING_WEIGHT`] times.
    pub fn of(doc: &Doc) -> PageTerms {
        let mut page = PageTerms::default();
        let mut count = |text: &str, weight: u32, counts_len: bool| {
            index_terms(text, |t| {
                if counts_len {
                    page.len += 1;
                }
                match page.counts.get_mut(t) {
                    Some(c) => *c += weight,
                    None => {
                        page.counts.insert(t.to_string(), weight);
                    }
                }
            })
        };
        count(&doc.title, 1, true);
        for s in &doc.sections[1..] {
            count(&s.title, 1, true);
        }
        for s in &doc.sections {
            count(&s.text, 1, true);
        }
        count(&doc.headings, HEADING_WEIGHT - 1, false);
        page
    }
}

/// One term's postings so far: `(page delta, count)` pairs as varints.
#[derive(Debug, Default)]
struct Postings {
    bytes: Vec<u8>,
    last: u32,
    count: u32,
}

/// The index of one language, being built.
#[derive(Debug)]
pub struct Builder {
    /// The language's folder in the output (`search-index/en/`).
    folder: String,
    lens: Vec<u32>,
    terms: FxHashMap<Box<str>, Postings>,
}

/// A page file's contents (`p/N.json`).
#[derive(serde::Serialize)]
struct PageFile<'a> {
    url: &'a str,
    title: &'a str,
    report: Option<&'a str>,
    sections: &'a [super::extract::Section],
}

/// The page file of `doc`, page number `n` in `folder`, found at `url`.
pub fn page_file(folder: &str, n: usize, url: &str, doc: &Doc) -> OutputFile {
    let file = PageFile {
        url,
        title: &doc.title,
        report: doc.report.as_deref(),
        sections: &doc.sections,
    };
    OutputFile {
        path: format!("{folder}p/{n}.json"),
        bytes: serde_json::to_vec(&file).expect("strings always serialize"),
    }
}

impl Builder {
    /// An empty index written under `folder` (ending in `/`).
    pub fn new(folder: String) -> Builder {
        Builder {
            folder,
            lens: Vec::new(),
            terms: FxHashMap::default(),
        }
    }

    /// Adds the next page's terms.
    pub fn add(&mut self, page: PageTerms) {
        let n = self.lens.len() as u32;
        self.lens.push(page.len);
        for (term, tf) in page.counts {
            let p = self.terms.entry(term.into_boxed_str()).or_default();
            varint(&mut p.bytes, n - p.last);
            varint(&mut p.bytes, tf);
            p.last = n;
            p.count += 1;
        }
    }

    /// The index's files: `meta.json` and the chunks.
    pub fn finish(mut self) -> Vec<OutputFile> {
        let avg = match self.lens.len() {
            0 => 1.0,
            n => (self.lens.iter().map(|&l| l as f64).sum::<f64>() / n as f64).max(1.0),
        };
        let mut terms: Vec<(Box<str>, Postings)> =
            std::mem::take(&mut self.terms).into_iter().collect();
        // JavaScript compares strings by UTF-16 code units; the browser's binary search needs
        // the dictionary in that order (it differs from Rust's beyond the BMP).
        terms.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        let mut files = Vec::new();
        let mut firsts: Vec<&str> = Vec::new();
        let mut chunk = Vec::new();
        for (term, postings) in &terms {
            if chunk.is_empty() {
                firsts.push(term);
            }
            entry(&mut chunk, term, postings, &self.lens, avg);
            if chunk.len() >= CHUNK_BYTES {
                files.push(self.chunk_file(files.len(), std::mem::take(&mut chunk)));
            }
        }
        if !chunk.is_empty() {
            files.push(self.chunk_file(files.len(), chunk));
        }
        let meta = serde_json::json!({
            "version": 1,
            "pages": self.lens.len(),
            "chunks": firsts,
        });
        files.push(OutputFile {
            path: format!("{}meta.json", self.folder),
            bytes: meta.to_string().into_bytes(),
        });
        files
    }

    fn chunk_file(&self, i: usize, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path: format!("{}c/{i}.bin", self.folder),
            bytes,
        }
    }
}

/// Appends one dictionary entry: the term, its page count and its scored postings.
fn entry(out: &mut Vec<u8>, term: &str, postings: &Postings, lens: &[u32], avg: f64) {
    varint(out, term.len() as u32);
    out.extend_from_slice(term.as_bytes());
    varint(out, postings.count);
    let mut bytes = postings.bytes.as_slice();
    let mut page = 0;
    while !bytes.is_empty() {
        let delta = read_varint(&mut bytes);
        let tf = read_varint(&mut bytes) as f64;
        page += delta;
        let norm = 1.0 - B + B * lens[page as usize] as f64 / avg;
        let score = (100.0 * tf * (K1 + 1.0) / (tf + K1 * norm))
            .round()
            .max(1.0);
        varint(out, delta);
        varint(out, score as u32);
    }
}

/// Appends `n` as an unsigned LEB128 varint.
fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads an unsigned LEB128 varint written by [`varint`].
fn read_varint(bytes: &mut &[u8]) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    while let Some((&b, rest)) = bytes.split_first() {
        *bytes = rest;
        n |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chunk read back: term → postings `(page, score)`.
    pub(crate) fn decode(mut bytes: &[u8]) -> Vec<(String, Vec<(u32, u32)>)> {
        let mut out = Vec::new();
        while !bytes.is_empty() {
            let len = read_varint(&mut bytes) as usize;
            let term = String::from_utf8(bytes[..len].to_vec()).unwrap();
            bytes = &bytes[len..];
            let count = read_varint(&mut bytes);
            let mut page = 0;
            let postings = (0..count)
                .map(|_| {
                    page += read_varint(&mut bytes);
                    (page, read_varint(&mut bytes))
                })
                .collect();
            out.push((term, postings));
        }
        out
    }

    fn doc(title: &str, text: &str) -> Doc {
        let mut d =
            super::super::extract::read(format!("<h1>{title}</h1><p>{text}</p>").as_bytes());
        d.headings = title.to_string();
        d
    }

    #[test]
    fn varints_round_trip() {
        for n in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            let mut v = Vec::new();
            varint(&mut v, n);
            assert_eq!(read_varint(&mut v.as_slice()), n);
        }
    }

    #[test]
    fn postings_ascend_and_headings_score_higher() {
        let mut b = Builder::new("search-index/en/".into());
        b.add(PageTerms::of(&doc("Models", "open source")));
        b.add(PageTerms::of(&doc("Other", "models models")));
        b.add(PageTerms::of(&doc("Third", "nothing")));
        let files = b.finish();
        let meta: serde_json::Value = serde_json::from_slice(&files.last().unwrap().bytes).unwrap();
        assert_eq!(meta["pages"], 3);
        assert_eq!(meta["chunks"][0], "model");
        let entries = decode(&files[0].bytes);
        let model = &entries.iter().find(|e| e.0 == "model").unwrap().1;
        assert_eq!(model.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 1]);
        // Once in a title (×3) beats twice in the text of a page as long.
        assert!(model[0].1 > model[1].1, "{model:?}");
    }

    #[test]
    fn terms_are_in_utf16_order_and_chunks_start_where_meta_says() {
        let mut b = Builder::new("x/".into());
        let text: String = (0..4000).map(|i| format!("w{i} ")).collect();
        b.add(PageTerms::of(&doc("\u{FF21}\u{20000}", &text)));
        let files = b.finish();
        let meta: serde_json::Value = serde_json::from_slice(&files.last().unwrap().bytes).unwrap();
        let chunks = meta["chunks"].as_array().unwrap();
        assert!(chunks.len() > 1, "{}", chunks.len());
        let mut all = Vec::new();
        for (i, first) in chunks.iter().enumerate() {
            let entries = decode(&files[i].bytes);
            assert_eq!(entries[0].0, first.as_str().unwrap());
            all.extend(entries.into_iter().map(|e| e.0));
        }
        let mut sorted = all.clone();
        sorted.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        assert_eq!(all, sorted);
        // The astral character sorts before U+FF21 in UTF-16, after it in UTF-8.
        let astral = all.iter().position(|t| t.starts_with('\u{20000}')).unwrap();
        let fullwidth = all.iter().position(|t| t.starts_with('\u{FF41}')).unwrap();
        assert!(astral < fullwidth, "{all:?}");
    }
}
