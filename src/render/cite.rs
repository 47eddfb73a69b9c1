//! "Cite this report": reference strings in GB/T 7714-2015, APA 7 and MLA 9, and the `.bib`
//! (BibTeX `@techreport`) and `.ris` files, all built from the manifest in the page's language.
//! A person's name is split into given names and a family name, which the styles order and
//! abbreviate; CJK names and the names of teams and organisations are kept whole (`Name::parse`
//! has the rules, docs/content-model.md says them for authors).

use super::paths::Paths;
use super::OutputFile;
use crate::content::report::Analyst;
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

/// A name as the styles need it: a person's family and given names, or a name kept whole.
struct Name {
    /// The name in reading order: "Dan Zhao" whether the manifest wrote that or "Zhao, Dan".
    full: String,
    /// The family name; for a name kept whole, all of it.
    family: String,
    /// The given names, one per word; empty for a name kept whole.
    given: Vec<String>,
}

/// Words that make a name a team's or an organisation's, compared without case and without a
/// trailing full stop or comma. Joining words are among them: "Bank of China" is no Mr China,
/// and no person's name has "and" in it (BibTeX would read it as two authors).
const CORPORATE_WORDS: &[&str] = &[
    "and",
    "&",
    "of",
    "for",
    "the",
    "team",
    "group",
    "research",
    "institute",
    "department",
    "dept",
    "division",
    "desk",
    "unit",
    "office",
    "bureau",
    "committee",
    "council",
    "board",
    "centre",
    "center",
    "lab",
    "laboratory",
    "laboratories",
    "university",
    "college",
    "school",
    "association",
    "society",
    "foundation",
    "agency",
    "ministry",
    "bank",
    "securities",
    "capital",
    "partners",
    "holdings",
    "company",
    "co",
    "corp",
    "corporation",
    "inc",
    "ltd",
    "limited",
    "llc",
    "plc",
    "staff",
    "editors",
    "editorial",
];

/// More words than this, written without a comma, make a name that is kept whole: so long a
/// name is more often a team's than a person's, and a person can still write "Family, Given".
const MAX_PERSONAL_WORDS: usize = 3;

/// A name as the manifest writes it, in reading order and tidied ("Zhao, Dan" → "Dan Zhao",
/// "{Charles}  Yang" → "Charles Yang"), for what machines read about the authors; `None` when
/// it is blank.
pub fn reading_name(written: &str) -> Option<String> {
    let name = Name::parse(written);
    (!name.full.trim().is_empty()).then_some(name.full)
}

/// Whether a name as the manifest writes it is a team's or an organisation's (by the rules of
/// [`Name::parse`]: a word such as Team or Institute, or more words than a person's name has
/// without a comma). A CJK name says nothing either way.
pub fn is_organisation(written: &str) -> bool {
    let (text, _) = tidy(written);
    !is_cjk(&text)
        && (is_corporate(&text)
            || (!text.contains(',') && text.split(' ').count() > MAX_PERSONAL_WORDS))
}

impl Name {
    /// Reads a name as the manifest writes it (the rules are in docs/content-model.md, "Names in
    /// citations").
    fn parse(written: &str) -> Name {
        let (text, braced) = tidy(written);
        if braced || is_cjk(&text) || is_corporate(&text) {
            return Name::whole(text);
        }
        if let Some((family, given)) = text.split_once(',') {
            // "Family, Given" says which part is the family name. A second comma ("King, Martin
            // Luther, Jr.") is a form the styles here do not order, so that name stays whole.
            return if given.contains(',') {
                Name::whole(text)
            } else {
                Name::person(family, given)
            };
        }
        let words: Vec<&str> = text.split(' ').collect();
        match words.split_last() {
            Some((family, given)) if !given.is_empty() && words.len() <= MAX_PERSONAL_WORDS => {
                Name::person(family, &given.join(" "))
            }
            _ => Name::whole(text),
        }
    }

    /// A name no style splits, inverts or abbreviates.
    fn whole(text: String) -> Name {
        Name {
            full: text.clone(),
            family: text,
            given: Vec::new(),
        }
    }

    /// A person's name from its parts, both non-blank (`tidy` trims the commas that could leave
    /// one blank).
    fn person(family: &str, given: &str) -> Name {
        let family = family.trim().to_string();
        let given: Vec<String> = given.split_whitespace().map(String::from).collect();
        Name {
            full: format!("{} {family}", given.join(" ")),
            family,
            given,
        }
    }

    /// Whether the name is kept whole: CJK, a team's or organisation's, or a single word.
    fn is_whole(&self) -> bool {
        self.given.is_empty()
    }

    /// `Zhao, Dan`, or the name as it is when it is kept whole.
    fn inverted(&self) -> String {
        if self.is_whole() {
            self.full.clone()
        } else {
            format!("{}, {}", self.family, self.given.join(" "))
        }
    }

    /// `Zhao Dan`: family name first without a comma, as a CJK name's romanisation is written.
    fn family_first(&self) -> String {
        if self.is_whole() {
            self.full.clone()
        } else {
            format!("{} {}", self.family, self.given.join(" "))
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

/// The name tidied — spaces trimmed and runs made one, commas at the ends dropped ("Zhao, Dan,"),
/// braces taken out — and whether one pair of braces enclosed all of it, BibTeX's way of saying
/// "keep this whole", which the manifest may use too. Braces are markup, not letters: left in,
/// a lone one would unbalance the `.bib` file, and any would show in the other styles.
fn tidy(written: &str) -> (String, bool) {
    let ends = |s: &str| {
        s.trim_matches(|c: char| c == ',' || c.is_whitespace())
            .to_string()
    };
    let trimmed = ends(written);
    let braced = encloses(&trimmed);
    let unbraced: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '{' | '}'))
        .collect();
    let spaced = unbraced.split_whitespace().collect::<Vec<_>>().join(" ");
    (ends(&spaced), braced)
}

/// Whether `s` is one `{…}` group: the brace that opens it is the one that closes it.
fn encloses(s: &str) -> bool {
    if !(s.starts_with('{') && s.ends_with('}')) {
        return false;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i == s.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether a word of `text` is one of `CORPORATE_WORDS`.
fn is_corporate(text: &str) -> bool {
    text.split(' ').any(|w| {
        let w = w.trim_end_matches(['.', ',']).to_lowercase();
        CORPORATE_WORDS.contains(&w.as_str())
    })
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
        // A blank name would be an empty author ("{ and Zhao, Dan}"): leave it out.
        let (names, other_names) = m
            .analysts
            .iter()
            .map(|a| (Name::parse(a.name.text(lang)), other_script(site, a, lang)))
            .filter(|(n, _)| !n.full.is_empty())
            .unzip();
        Work {
            names,
            other_names,
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

/// The analyst's name in the other script (Latin for a CJK name and the reverse), from the first
/// site language that gives one.
fn other_script(site: &Site, analyst: &Analyst, lang: &str) -> Option<Name> {
    let own = is_cjk(analyst.name.text(lang));
    site.config
        .language_keys
        .iter()
        .map(|l| analyst.name.text(l))
        .find(|n| !n.trim().is_empty() && is_cjk(n) != own)
        .map(Name::parse)
}

const MLA_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];

/// A name as GB/T 7714 writes it: a person's as FAMILY plus initials without dots, others whole.
fn gbt_name(n: &Name) -> String {
    if n.is_whole() {
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
            Some(o) => format!("{} ({})", gbt_name(n), o.family_first()),
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

/// APA 7: family name and initials, a name kept whole as it is (a group author), "&" before the
/// last of up to twenty authors.
fn apa(w: &Work) -> CiteStyle {
    let names: Vec<String> = w
        .names
        .iter()
        .map(|n| {
            if n.is_whole() {
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
        format!(
            "{}, {} {d}",
            w.year(),
            crate::content::dates::MONTHS[m.clamp(1, 12) - 1]
        )
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

/// MLA 9: first author inverted (a name kept whole is not), a second joined by "and", three or
/// more as "et al.".
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

/// A name as a BibTeX `author` list item: a person's as "Family, Given", which BibTeX reads as
/// "von Last, First" whatever the words; a name kept whole in braces, so BibTeX neither splits it
/// at an " and " nor takes its last word for a family name.
fn bib_name(n: &Name) -> String {
    if n.is_whole() {
        format!("{{{}}}", bib_escape(&n.full))
    } else {
        bib_escape(&n.inverted())
    }
}

/// The BibTeX `@techreport` entry.
fn bibtex(w: &Work, key: &str) -> String {
    let authors: Vec<String> = w.names.iter().map(bib_name).collect();
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

/// The RIS record (CRLF line ends, one tag per line). An author is "Family, Given" as the RIS
/// specification asks; a name kept whole is written as it is, without a comma to split it at.
fn ris(w: &Work) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines = vec![("TY", "RPRT".to_string())];
    lines.extend(w.names.iter().map(|n| ("AU", n.inverted())));
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

    /// `(family, given, full)` of a parsed name, given empty when it is kept whole.
    fn parts(written: &str) -> (String, String, String) {
        let n = Name::parse(written);
        (n.family, n.given.join(" "), n.full)
    }

    fn person(family: &str, given: &str) -> (String, String, String) {
        (family.into(), given.into(), format!("{given} {family}"))
    }

    fn whole(text: &str) -> (String, String, String) {
        (text.into(), String::new(), text.into())
    }

    #[test]
    fn names_are_read_as_a_person_or_kept_whole() {
        for written in [
            "Dan Zhao",
            "Zhao, Dan",
            "  Dan\t Zhao ",
            "Zhao, Dan,",
            " Zhao ,Dan",
            "Dan {Zhao}",
            "{Dan} Zhao",
        ] {
            assert_eq!(parts(written), person("Zhao", "Dan"), "{written:?}");
        }
        assert_eq!(parts("Mary Ann Lee"), person("Lee", "Mary Ann"));
        assert_eq!(
            parts("Garcia Lopez, Maria Elena"),
            person("Garcia Lopez", "Maria Elena")
        );
        assert_eq!(
            parts("van Beethoven, Ludwig"),
            person("van Beethoven", "Ludwig")
        );
        for (written, kept) in [
            ("Research and Strategy Team", "Research and Strategy Team"),
            ("Macro & Strategy", "Macro & Strategy"),
            ("Strategy Desk", "Strategy Desk"),
            ("Research Department, Asia", "Research Department, Asia"),
            ("Bank of China", "Bank of China"),
            ("SPDBI Ltd.", "SPDBI Ltd."),
            ("Maria Elena Garcia Lopez", "Maria Elena Garcia Lopez"),
            ("{Dan Zhao}", "Dan Zhao"),
            (" { Charles  Yang } ", "Charles Yang"),
            ("King, Martin Luther, Jr.", "King, Martin Luther, Jr."),
            ("Madonna", "Madonna"),
            ("赵丹", "赵丹"),
            ("山田 太郎", "山田 太郎"),
            ("", ""),
        ] {
            assert_eq!(parts(written), whole(kept), "{written:?}");
        }
        // Two groups, not one: the names are read without their braces.
        assert_eq!(parts("{Dan} {Zhao}"), person("Zhao", "Dan"));
    }

    /// The top-level items of a BibTeX `author` value, split where BibTeX splits them: at " and "
    /// outside braces.
    fn bib_authors(bib: &str) -> Vec<String> {
        let line = bib.lines().find(|l| l.starts_with("  author")).unwrap();
        let value = line
            .split_once("= {")
            .unwrap()
            .1
            .strip_suffix("},")
            .unwrap();
        let (mut items, mut item, mut depth) = (Vec::new(), String::new(), 0);
        for c in value.chars() {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            assert!(depth >= 0, "unbalanced: {value}");
            item.push(c);
            if depth == 0 && item.ends_with(" and ") {
                items.push(item[..item.len() - 5].to_string());
                item.clear();
            }
        }
        assert_eq!(depth, 0, "unbalanced: {value}");
        items.push(item);
        items
    }

    /// The author part of every output for a work by `names` in `code`: GB/T, APA and MLA up to
    /// the title or date, the `.bib` author items and the `.ris` AU values.
    fn authors(names: &[&str], code: &str) -> (String, String, String, Vec<String>, Vec<String>) {
        let w = work(names, code);
        let ris_authors = ris(&w)
            .lines()
            .filter_map(|l| l.strip_prefix("AU  - "))
            .map(|l| l.trim_end_matches('\r').to_string())
            .collect();
        (
            gbt(&w).before,
            apa(&w).before.split(" (").next().unwrap().into(),
            mla(&w).before,
            bib_authors(&bibtex(&w, "k")),
            ris_authors,
        )
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_person_is_cited_alike_however_the_name_is_written() {
        for written in [
            "Dan Zhao",
            "Zhao, Dan",
            " Dan  Zhao ",
            "Zhao, Dan,",
            "{Dan} Zhao",
        ] {
            assert_eq!(
                authors(&[written], "en"),
                (
                    "ZHAO D. ".into(),
                    "Zhao, D.".into(),
                    "Zhao, Dan. ".into(),
                    strings(&["Zhao, Dan"]),
                    strings(&["Zhao, Dan"]),
                ),
                "{written:?}"
            );
        }
        // The family name a comma chose stays whole in every style.
        assert_eq!(
            authors(&["Garcia Lopez, Maria Elena"], "en"),
            (
                "GARCIA LOPEZ ME. ".into(),
                "Garcia Lopez, M. E.".into(),
                "Garcia Lopez, Maria Elena. ".into(),
                strings(&["Garcia Lopez, Maria Elena"]),
                strings(&["Garcia Lopez, Maria Elena"]),
            )
        );
    }

    #[test]
    fn a_team_is_cited_whole_in_every_style() {
        for written in ["Research and Strategy Team", "{Research and Strategy Team}"] {
            let team = "Research and Strategy Team";
            assert_eq!(
                authors(&[written], "en"),
                (
                    format!("{team}. "),
                    format!("{team}."),
                    format!("{team}. "),
                    strings(&["{Research and Strategy Team}"]),
                    strings(&[team]),
                ),
                "{written:?}"
            );
        }
        let w = work(&["Research and Strategy Team"], "en");
        assert!(bibtex(&w, "k").contains("  author      = {{Research and Strategy Team}},\n"));
        // Beside a person, in the order the manifest gives.
        let (gbt, apa, mla, bib, ris) = authors(&["Zhao, Dan", "Research and Strategy Team"], "en");
        assert_eq!(gbt, "ZHAO D, Research and Strategy Team. ");
        assert_eq!(apa, "Zhao, D., & Research and Strategy Team.");
        assert_eq!(mla, "Zhao, Dan, and Research and Strategy Team. ");
        assert_eq!(bib, strings(&["Zhao, Dan", "{Research and Strategy Team}"]));
        assert_eq!(ris, strings(&["Zhao, Dan", "Research and Strategy Team"]));
        let (_, _, mla, _, _) = authors(&["Research and Strategy Team", "Dan Zhao"], "en");
        assert_eq!(mla, "Research and Strategy Team, and Dan Zhao. ");
    }

    #[test]
    fn cjk_names_are_cited_whole_and_braced_in_bibtex() {
        assert_eq!(
            authors(&["赵丹", " 山田  太郎 "], "zh-CN"),
            (
                "赵丹, 山田 太郎. ".into(),
                "赵丹, & 山田 太郎.".into(),
                "赵丹, 山田 太郎. ".into(),
                strings(&["{赵丹}", "{山田 太郎}"]),
                strings(&["赵丹", "山田 太郎"]),
            )
        );
    }

    #[test]
    fn bibtex_specials_in_names_are_escaped_and_braces_never_reach_a_style() {
        let (gbt, apa, mla, bib, ris) = authors(&["R&D_1 Team", "Ana Lima_Costa"], "en");
        assert_eq!(bib, strings(&["{R\\&D\\_1 Team}", "Lima\\_Costa, Ana"]));
        assert_eq!(ris, strings(&["R&D_1 Team", "Lima_Costa, Ana"]));
        assert_eq!(gbt, "R&D_1 Team, LIMA_COSTA A. ");
        assert_eq!(apa, "R&D_1 Team, & Lima_Costa, A.");
        assert_eq!(mla, "R&D_1 Team, and Ana Lima_Costa. ");
        // A lone brace is dropped, not escaped: BibTeX counts `\{` too and would lose its place.
        let (gbt, apa, mla, bib, ris) = authors(&["Dan {Zhao", "{Strategy} Team}"], "en");
        assert_eq!(bib, strings(&["Zhao, Dan", "{Strategy Team}"]));
        assert_eq!(ris, strings(&["Zhao, Dan", "Strategy Team"]));
        assert_eq!(gbt, "ZHAO D, Strategy Team. ");
        assert_eq!(apa, "Zhao, D., & Strategy Team.");
        assert_eq!(mla, "Zhao, Dan, and Strategy Team. ");
    }

    #[test]
    fn gbt_gives_a_team_s_name_in_the_other_script_whole() {
        let mut zh = work(&["研究与策略团队", "赵丹"], "zh-CN");
        zh.other_names = ["Research and Strategy Team", "Zhao, Dan"]
            .iter()
            .map(|n| Some(Name::parse(n)))
            .collect();
        assert_eq!(
            gbt(&zh).before,
            "研究与策略团队 (Research and Strategy Team), 赵丹 (Zhao Dan). "
        );
        let mut en = work(&["Research and Strategy Team", "Zhao, Dan"], "en");
        en.other_names = ["研究与策略团队", "赵丹"]
            .iter()
            .map(|n| Some(Name::parse(n)))
            .collect();
        assert_eq!(
            gbt(&en).before,
            "Research and Strategy Team (研究与策略团队), ZHAO D (赵丹). "
        );
    }
}
