//! The search index of a built site read back as `docs/search-index.md` says, with a search that
//! follows the contract's rules: an implementation of its own, so that tests of the index do not
//! take the indexer's word for what it wrote.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// One language's index.
pub struct Index {
    /// `meta.json`.
    pub meta: Value,
    /// The page files, by page number.
    pub pages: Vec<Value>,
    /// Every term with its postings `(page, score)`, from the chunks, in dictionary order.
    pub terms: Vec<(String, Vec<(u32, u32)>)>,
}

fn varint(bytes: &mut &[u8]) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    loop {
        let b = bytes[0];
        *bytes = &bytes[1..];
        n |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

fn chunk(mut bytes: &[u8]) -> Vec<(String, Vec<(u32, u32)>)> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let len = varint(&mut bytes) as usize;
        let term = String::from_utf8(bytes[..len].to_vec()).expect("terms are UTF-8");
        bytes = &bytes[len..];
        let count = varint(&mut bytes);
        let mut page = 0;
        let postings = (0..count)
            .map(|_| {
                page += varint(&mut bytes);
                (page, varint(&mut bytes))
            })
            .collect();
        out.push((term, postings));
    }
    out
}

impl Index {
    /// The index of language `lang` in the output folder `out`.
    pub fn read(out: &Path, lang: &str) -> Index {
        let dir = out.join("search-index").join(lang);
        let json = |p: &Path| -> Value {
            serde_json::from_slice(&std::fs::read(p).unwrap_or_else(|e| panic!("{p:?}: {e}")))
                .unwrap()
        };
        let meta = json(&dir.join("meta.json"));
        let n = meta["pages"].as_u64().unwrap() as usize;
        let pages = (0..n)
            .map(|i| json(&dir.join(format!("p/{i}.json"))))
            .collect();
        let mut terms = Vec::new();
        for (i, first) in meta["chunks"].as_array().unwrap().iter().enumerate() {
            let entries = chunk(&std::fs::read(dir.join(format!("c/{i}.bin"))).unwrap());
            assert_eq!(Some(entries[0].0.as_str()), first.as_str(), "chunk {i}");
            terms.extend(entries);
        }
        Index { meta, pages, terms }
    }

    /// The URL of every page, by number.
    pub fn urls(&self) -> Vec<String> {
        self.pages
            .iter()
            .map(|p| p["url"].as_str().unwrap().to_string())
            .collect()
    }

    /// The postings of `term` exactly.
    pub fn postings(&self, term: &str) -> Option<&[(u32, u32)]> {
        self.terms
            .iter()
            .find(|(t, _)| t == term)
            .map(|(_, p)| p.as_slice())
    }

    /// The URLs of the results of `query`, best first, as the contract ranks them.
    pub fn search(&self, query: &str) -> Vec<String> {
        let n = self.pages.len() as f64;
        let terms = yanbao::search::terms::query_terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let mut total: BTreeMap<u32, (usize, f64)> = BTreeMap::new();
        for (q, prefix) in &terms {
            let mut best: BTreeMap<u32, f64> = BTreeMap::new();
            let matching = self.terms.iter().filter(|(t, _)| {
                if *prefix {
                    t.starts_with(q.as_str())
                } else {
                    t == q
                }
            });
            for (_, postings) in matching {
                let df = postings.len() as f64;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for &(page, score) in postings {
                    let s = idf * score as f64;
                    let b = best.entry(page).or_insert(0.0);
                    *b = b.max(s);
                }
            }
            for (page, s) in best {
                let t = total.entry(page).or_insert((0, 0.0));
                t.0 += 1;
                t.1 += s;
            }
        }
        let mut hits: Vec<(u32, f64)> = total
            .into_iter()
            .filter(|(_, (count, _))| *count == terms.len())
            .map(|(page, (_, s))| (page, s))
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.into_iter()
            .map(|(page, _)| {
                self.pages[page as usize]["url"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }
}
