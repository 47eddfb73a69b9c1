//! "Cite this report": reference strings in GB/T 7714-2015, APA 7 and MLA 9, and the `.bib`
//! (BibTeX `@techreport`) and `.ris` files, all built from the manifest in the page's language.
//! Names written in a CJK script are kept whole; others are split into given names and a family
//! name (the last word), which is what the three styles order and abbreviate.

use super::paths::Paths;
use super::OutputFile;
use crate::content::{Report, Site};
use serde::Serialize;

/// The cite block of a page, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct CiteView {
    /// One reference per style.
    pub styles: Vec<CiteStyle>,
    /// Root-relative URL of the `.bib` file.
    pub bib_href: String,
    /// Root-relative URL of the `.ris` file.
    pub ris_href: String,
    /// File name offered for downloads, without extension.
    pub file_name: String,
}

/// One formatted reference; the title is apart so templates can set it in italics.
#[derive(Debug, Clone, Serialize)]
pub struct CiteStyle {
    /// Name of the style.
    pub name: String,
    /// Text before the title.
    pub before: String,
    /// The title.
    pub title: String,
    /// Whether the style italicises the title.
    pub italic: bool,
    /// Text after the title.
    pub after: String,
}

/// A name as the styles need it.
struct Name {
    full: String,
    family: String,
    given: Vec<String>,
}

impl Name {
    fn parse(full: &str) -> Name {
        let words: Vec<&str> = full.split_whitespace().collect();
        match words.split_last() {
            Some((family, given)) if !is_cjk(full) && !given.is_empty() => Name {
                full: full.into(),
                family: family.to_string(),
                given: given.iter().map(|g| g.to_string()).collect(),
            },
            _ => Name {
                full: full.into(),
                family: full.into(),
                given: Vec::new(),
            },
        }
    }

    /// `Zhao, Dan`, or the whole name when it cannot be split.
    fn inverted(&self) -> String {
        if self.given.is_empty() {
            self.full.clone()
        } else {
            format!("{}, {}", self.family, self.given.join(" "))
        }
    }

    fn initials(&self, dots: bool) -> Vec<String> {
        self.given
            .iter()
            .filter_map(|g| g.chars().next())
            .map(|c| if dots { format!("{c}.") } else { c.to_string() })
            .collect()
    }
}

fn is_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}'))
}

/// Everything a reference is made of, in one language.
struct Work {
    names: Vec<Name>,
    /// Each author's name in the other script (Latin for a CJK name and the reverse), when
    /// the manifest gives one.
    other_names: Vec<Option<Name>>,
    title: String,
    publisher: String,
    place: Option<String>,
    date: String,
    url: String,
    code: String,
    summary: String,
}

impl Work {
    fn of(site: &Site, report: &Report, lang: &str) -> Work {
        let paths = Paths::new(&site.config);
        let m = &report.manifest;
        Work {
            names: m
                .analysts
                .iter()
                .map(|a| Name::parse(a.name.text(lang)))
                .collect(),
            other_names: m
                .analysts
                .iter()
                .map(|a| {
                    let own = is_cjk(a.name.text(lang));
                    site.config
                        .language_keys
                        .iter()
                        .map(|l| a.name.text(l))
                        .find(|n| !n.is_empty() && is_cjk(n) != own)
                        .map(Name::parse)
                })
                .collect(),
            title: m.title.text(lang).into(),
            publisher: site.config.site.publisher.name.text(lang).into(),
            place: site
                .config
                .site
                .publisher
                .place
                .as_ref()
                .map(|p| p.text(lang).to_string())
                .filter(|p| !p.trim().is_empty()),
            date: m.date.clone(),
            url: paths.absolute(&paths.report(lang, &report.slug)),
            code: site.config.language(lang).code.clone(),
            summary: m.summary.text(lang).into(),
        }
    }

    fn year(&self) -> &str {
        self.date.get(..4).unwrap_or(&self.date)
    }

    fn month_day(&self) -> (usize, u32) {
        let part =
            |r: std::ops::Range<usize>| self.date.get(r).and_then(|s| s.parse().ok()).unwrap_or(1);
        (part(5..7) as usize, part(8..10))
    }

    /// Whether dates are written 2024年4月22日: Chinese and Japanese references.
    fn cjk_date(&self) -> bool {
        self.zh() || self.code.starts_with("ja")
    }

    fn zh(&self) -> bool {
        self.code.starts_with("zh") || self.names.iter().any(|n| is_cjk(&n.full))
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MLA_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];

/// A name as GB/T 7714 writes it: CJK whole, Latin as FAMILY plus initials without dots.
fn gbt_name(n: &Name) -> String {
    if n.given.is_empty() {
        n.full.clone()
    } else {
        format!("{} {}", n.family.to_uppercase(), n.initials(false).join(""))
    }
}

/// GB/T 7714-2015, report published online (`[R/OL]`): at most three authors, then "等"/"et al",
/// each with the name in the other script in brackets when the manifest gives it (a CJK name
/// with its romanisation family name first, 张三 (Zhang San)); then place of publication,
/// publisher and year — an unknown place is "[出版地不详]" / "[S.l.]" (GB/T 7714-2015, 8.4.1.3).
fn gbt(w: &Work) -> CiteStyle {
    let mut names: Vec<String> = w
        .names
        .iter()
        .zip(&w.other_names)
        .take(3)
        .map(|(n, other)| match other {
            Some(o) if n.given.is_empty() => {
                let latin = std::iter::once(o.family.as_str())
                    .chain(o.given.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" ");
                format!("{} ({latin})", n.full)
            }
            Some(o) => format!("{} ({})", gbt_name(n), o.full),
            None => gbt_name(n),
        })
        .collect();
    if w.names.len() > 3 {
        names.push(if w.zh() { "等" } else { "et al" }.into());
    }
    let place = match &w.place {
        Some(p) => p.clone(),
        None if w.zh() => "[出版地不详]".into(),
        None => "[S.l.]".into(),
    };
    CiteStyle {
        name: "GB/T 7714-2015".into(),
        before: format!("{}. ", names.join(", ")),
        title: w.title.clone(),
        italic: false,
        after: format!("[R/OL]. {place}: {}, {}. {}.", w.publisher, w.year(), w.url),
    }
}

/// APA 7: family name and initials, "&" before the last of up to twenty authors.
fn apa(w: &Work) -> CiteStyle {
    let names: Vec<String> = w
        .names
        .iter()
        .map(|n| {
            if n.given.is_empty() {
                n.full.clone()
            } else {
                format!("{}, {}", n.family, n.initials(true).join(" "))
            }
        })
        .collect();
    let authors = match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}, & {last}", init.join(", ")),
    };
    let (m, d) = w.month_day();
    let date = if w.cjk_date() {
        format!("{}年{m}月{d}日", w.year())
    } else {
        format!("{}, {} {d}", w.year(), MONTHS[m.clamp(1, 12) - 1])
    };
    let authors = if authors.ends_with('.') {
        authors
    } else {
        format!("{authors}.")
    };
    CiteStyle {
        name: "APA 7".into(),
        before: format!("{authors} ({date}). "),
        title: w.title.clone(),
        italic: true,
        after: format!(". {}. {}", w.publisher, w.url),
    }
}

/// MLA 9: first author inverted, a second joined by "and", three or more as "et al.".
fn mla(w: &Work) -> CiteStyle {
    let authors = match w.names.as_slice() {
        [] => String::new(),
        [one] => one.inverted(),
        [a, b] if w.zh() => format!("{}, {}", a.full, b.full),
        [a, b] => format!("{}, and {}", a.inverted(), b.full),
        [a, ..] => format!("{}, et al", a.inverted()),
    };
    let (m, d) = w.month_day();
    let date = if w.cjk_date() {
        format!("{}年{m}月{d}日", w.year())
    } else {
        format!("{d} {} {}", MLA_MONTHS[m.clamp(1, 12) - 1], w.year())
    };
    let url = w
        .url
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    CiteStyle {
        name: "MLA 9".into(),
        before: format!("{authors}. "),
        title: w.title.clone(),
        italic: true,
        after: format!(". {}, {date}, {url}.", w.publisher),
    }
}

fn base_name(report: &Report) -> String {
    let key: String = report
        .slug
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    if key.is_empty() {
        "report".into()
    } else {
        key
    }
}

/// The cite block for pages of `report` in `lang`.
pub fn view(site: &Site, report: &Report, lang: &str) -> CiteView {
    let paths = Paths::new(&site.config);
    let w = Work::of(site, report, lang);
    let file = |ext: &str| paths.href(&format!("{}cite.{ext}", paths.report(lang, &report.slug)));
    CiteView {
        styles: vec![gbt(&w), apa(&w), mla(&w)],
        bib_href: file("bib"),
        ris_href: file("ris"),
        file_name: base_name(report),
    }
}

/// Escapes BibTeX's special characters in a field value.
fn bib_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The BibTeX `@techreport` entry.
fn bibtex(w: &Work, key: &str) -> String {
    let authors: Vec<String> = w.names.iter().map(|n| bib_escape(&n.inverted())).collect();
    let (m, _) = w.month_day();
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ][m.clamp(1, 12) - 1];
    let language = if w.zh() { "chinese" } else { "english" };
    // A URL cannot hold braces unescaped in a BibTeX value; percent-encode them.
    let url = w.url.replace('{', "%7B").replace('}', "%7D");
    let address = w
        .place
        .as_ref()
        .map(|p| format!("  address     = {{{}}},\n", bib_escape(p)))
        .unwrap_or_default();
    format!(
        "@techreport{{{key},\n  author      = {{{}}},\n  title       = {{{{{}}}}},\n  institution = {{{}}},\n{address}  type        = {{{}}},\n  year        = {{{}}},\n  month       = {month},\n  date        = {{{}}},\n  url         = {{{url}}},\n  language    = {{{language}}},\n  abstract    = {{{}}}\n}}\n",
        authors.join(" and "),
        bib_escape(&w.title),
        bib_escape(&w.publisher),
        if w.zh() { "研究报告" } else { "Research report" },
        w.year(),
        w.date,
        bib_escape(&w.summary),
    )
}

/// The RIS record (CRLF line ends, one tag per line).
fn ris(w: &Work) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines = vec![("TY", "RPRT".to_string())];
    lines.extend(w.names.iter().map(|n| ("AU", one_line(&n.inverted()))));
    lines.extend([
        ("TI", one_line(&w.title)),
        ("PY", w.year().to_string()),
        ("DA", w.date.replace('-', "/")),
        ("PB", one_line(&w.publisher)),
    ]);
    if let Some(p) = &w.place {
        lines.push(("CY", one_line(p)));
    }
    lines.extend([
        ("UR", w.url.clone()),
        ("LA", w.code.clone()),
        ("AB", one_line(&w.summary)),
    ]);
    let mut out: String = lines
        .iter()
        .map(|(tag, v)| format!("{tag}  - {v}\r\n"))
        .collect();
    out.push_str("ER  - \r\n");
    out
}

/// The `.bib` and `.ris` files of `report` in `lang`, beside its landing page.
pub fn files(site: &Site, report: &Report, lang: &str) -> Vec<OutputFile> {
    let paths = Paths::new(&site.config);
    let w = Work::of(site, report, lang);
    let dir = paths.report(lang, &report.slug);
    vec![
        OutputFile {
            path: format!("{dir}cite.bib"),
            bytes: bibtex(&w, &base_name(report)).into_bytes(),
        },
        OutputFile {
            path: format!("{dir}cite.ris"),
            bytes: ris(&w).into_bytes(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(names: &[&str], code: &str) -> Work {
        Work {
            names: names.iter().map(|n| Name::parse(n)).collect(),
            other_names: names.iter().map(|_| None).collect(),
            title: "AIGC trends".into(),
            publisher: "SPDB International Securities Limited".into(),
            place: None,
            date: "2024-04-22".into(),
            url: "https://example.org/en/aigc-2024/".into(),
            code: code.into(),
            summary: "A summary & more".into(),
        }
    }

    fn text(s: &CiteStyle) -> String {
        format!("{}{}{}", s.before, s.title, s.after)
    }

    #[test]
    fn english_references_in_three_styles() {
        let w = work(&["Dan Zhao", "Charles Yang"], "en");
        assert_eq!(
            text(&gbt(&w)),
            "ZHAO D, YANG C. AIGC trends[R/OL]. [S.l.]: SPDB International Securities Limited, 2024. https://example.org/en/aigc-2024/."
        );
        assert_eq!(
            text(&apa(&w)),
            "Zhao, D., & Yang, C. (2024, April 22). AIGC trends. SPDB International Securities Limited. https://example.org/en/aigc-2024/"
        );
        assert_eq!(
            text(&mla(&w)),
            "Zhao, Dan, and Charles Yang. AIGC trends. SPDB International Securities Limited, 22 Apr. 2024, example.org/en/aigc-2024/."
        );
    }

    #[test]
    fn chinese_names_stay_whole_and_many_authors_shorten() {
        let w = work(&["赵丹", "杨子超", "甲", "乙"], "zh-CN");
        assert!(
            text(&gbt(&w)).starts_with("赵丹, 杨子超, 甲, 等. AIGC trends[R/OL]. [出版地不详]: ")
        );
        assert!(text(&apa(&w)).starts_with("赵丹, 杨子超, 甲, & 乙. (2024年4月22日). "));
        assert!(text(&mla(&w)).starts_with("赵丹, et al. "));
    }

    #[test]
    fn japanese_references_date_like_chinese_and_keep_latin_names_apa() {
        let w = work(&["Dan Zhao"], "ja");
        assert!(
            text(&apa(&w)).starts_with("Zhao, D. (2024年4月22日). "),
            "{}",
            text(&apa(&w))
        );
        assert!(
            text(&mla(&w)).contains(", 2024年4月22日, "),
            "{}",
            text(&mla(&w))
        );
    }

    #[test]
    fn bibtex_escapes_specials_and_ris_ends_its_record() {
        let w = work(&["Dan Zhao"], "en");
        let bib = bibtex(&w, "aigc-2024");
        assert!(bib.starts_with("@techreport{aigc-2024,\n"));
        assert!(bib.contains("author      = {Zhao, Dan},"));
        assert!(bib.contains("abstract    = {A summary \\& more}"));
        assert_eq!(
            bib_escape("50% {x}_#$~^\\"),
            "50\\% \\{x\\}\\_\\#\\$\\textasciitilde{}\\textasciicircum{}\\textbackslash{}"
        );
        let r = ris(&w);
        assert!(r.starts_with("TY  - RPRT\r\nAU  - Zhao, Dan\r\n"));
        assert!(r.ends_with("ER  - \r\n"));
    }

    /// The default report's authors and publisher, as the manifest gives them in both scripts.
    fn bilingual(code: &str) -> Work {
        let zh = code.starts_with("zh");
        let (own, other) = (["赵丹", "杨子超"], ["Dan Zhao", "Charles Yang"]);
        let (own, other) = if zh { (own, other) } else { (other, own) };
        let mut w = work(&own, code);
        w.other_names = other.iter().map(|n| Some(Name::parse(n))).collect();
        w.place = Some(if zh { "香港" } else { "Hong Kong" }.into());
        if zh {
            w.title = "AIGC 行业趋势".into();
            w.publisher = "浦银国际证券有限公司".into();
            w.url = "https://example.org/aigc-2024/".into();
        }
        w
    }

    #[test]
    fn gbt_names_authors_in_both_scripts_with_the_place_and_other_styles_in_one() {
        let zh = bilingual("zh-CN");
        assert_eq!(
            text(&gbt(&zh)),
            "赵丹 (Zhao Dan), 杨子超 (Yang Charles). AIGC 行业趋势[R/OL]. 香港: 浦银国际证券有限公司, 2024. https://example.org/aigc-2024/."
        );
        assert_eq!(
            text(&apa(&zh)),
            "赵丹, & 杨子超. (2024年4月22日). AIGC 行业趋势. 浦银国际证券有限公司. https://example.org/aigc-2024/"
        );
        let en = bilingual("en");
        assert_eq!(
            text(&gbt(&en)),
            "ZHAO D (赵丹), YANG C (杨子超). AIGC trends[R/OL]. Hong Kong: SPDB International Securities Limited, 2024. https://example.org/en/aigc-2024/."
        );
        assert!(text(&mla(&en)).starts_with("Zhao, Dan, and Charles Yang. "));
        let bib = bibtex(&en, "aigc-2024");
        assert!(bib.contains("  address     = {Hong Kong},\n"), "{bib}");
        assert!(
            ris(&en).contains("PB  - SPDB International Securities Limited\r\nCY  - Hong Kong\r\n")
        );
        assert!(!bibtex(&work(&["Dan Zhao"], "en"), "k").contains("address"));
        assert!(!ris(&work(&["Dan Zhao"], "en")).contains("CY  -"));
    }
}
