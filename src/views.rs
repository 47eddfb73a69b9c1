//! What templates see: plain serializable views, separate from the content model so that the model
//! can change without breaking templates. Every text is already in the page's language.
//! Fields ending in `_html` are trusted HTML (rendered Markdown or SVG); all others are escaped.

use crate::charts::Figure;
use crate::markdown::headings::TocEntry;
use serde::Serialize;
use std::collections::BTreeMap;

/// The context of every page template.
#[derive(Debug, Clone, Serialize)]
pub struct PageContext {
    /// The page's language.
    pub lang: LangView,
    /// Site-wide data.
    pub site: SiteView,
    /// Interface strings in the page's language.
    pub t: BTreeMap<String, String>,
    /// This page.
    pub page: PageMeta,
    /// The report this page belongs to, if any.
    pub report: Option<ReportView>,
    /// The chapter shown, on chapter pages.
    pub chapter: Option<ChapterView>,
    /// Reports listed (library pages).
    pub reports: Vec<ReportCard>,
    /// The library page shown, on library pages.
    pub library: Option<LibraryView>,
    /// The standalone page shown (about, methodology…), on those pages.
    pub standalone: Option<StandaloneView>,
    /// Whether the live-reload script is injected (`yanbao serve` only).
    pub live_reload: bool,
    /// Whether this build makes PNGs, so each report has its own social card.
    #[serde(skip)]
    pub png: bool,
    /// Title, social cards, structured data and feed links.
    pub discovery: crate::render::discovery::DiscoveryView,
}

/// A language as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct LangView {
    /// Key (`zh`).
    pub key: String,
    /// BCP 47 code (`zh-CN`).
    pub code: String,
    /// Name in the language itself.
    pub name: String,
}

/// Site-wide data.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: String,
    /// Publisher name.
    pub publisher: String,
    /// Publisher address.
    pub publisher_address: String,
    /// Publisher website.
    pub publisher_website: String,
    /// URL of the site's home in this language.
    pub home_href: String,
    /// Base path with trailing slash, for assets (`/research/aigc/`).
    pub base_path: String,
    /// Extra header links.
    pub nav: Vec<Link>,
}

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Link text.
    pub title: String,
    /// Target URL.
    pub href: String,
}

/// The page itself.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// Kind of page (`home`, `landing`, `chapter`, `analysts`, `related`, `disclosures`, `404`).
    pub kind: String,
    /// `<title>` text.
    pub title: String,
    /// `<meta name=description>`.
    pub description: String,
    /// Root-relative URL of the page.
    pub href: String,
    /// Absolute URL of the canonical page.
    pub canonical: String,
    /// The page in every language, this one included.
    pub alternates: Vec<Alternate>,
}

/// The same page in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// BCP 47 code, for `hreflang`.
    pub code: String,
    /// Language name for the switcher.
    pub name: String,
    /// Root-relative URL.
    pub href: String,
    /// Absolute URL.
    pub absolute: String,
    /// Whether this is the current page.
    pub current: bool,
}

/// A report in the page's language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportView {
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: String,
    /// ISO date.
    pub date: String,
    /// Sector.
    pub sector: String,
    /// Series.
    pub series: String,
    /// Summary paragraph.
    pub summary: String,
    /// URL of the landing page.
    pub href: String,
    /// URL of the analysts page.
    pub analysts_href: String,
    /// URL of the related-research page.
    pub related_href: String,
    /// URL of the disclosures page.
    pub disclosures_href: String,
    /// Analysts.
    pub analysts: Vec<AnalystView>,
    /// Contacts who are not authors.
    pub contacts: Vec<ContactView>,
    /// Key takeaways.
    pub takeaways: Vec<TakeawayView>,
    /// Headline figure cards.
    pub figures: Vec<HeadlineView>,
    /// Investment risks.
    pub risks: Vec<String>,
    /// Related reports.
    pub related: Vec<RelatedView>,
    /// Stock ratings.
    pub stock_ratings: Vec<RatingView>,
    /// Sector ratings.
    pub sector_ratings: Vec<RatingView>,
    /// Disclosure sections.
    pub disclosures: Vec<DisclosureView>,
    /// Chapters in order.
    pub chapters: Vec<ChapterLink>,
    /// Number of chapters in the report (more than `chapters` holds when windowed).
    pub chapters_total: usize,
    /// Whether `chapters` is a window around the current chapter of a long report.
    pub chapters_windowed: bool,
    /// Total minutes to read all chapters.
    pub reading_minutes: usize,
}

/// An analyst.
#[derive(Debug, Clone, Serialize)]
pub struct AnalystView {
    /// Name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Credentials such as CFA.
    pub credentials: String,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Team.
    pub team: String,
}

/// A contact who is not an author.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    /// Name.
    pub name: String,
    /// Team the contact belongs to.
    pub team: String,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
}

/// A key takeaway.
#[derive(Debug, Clone, Serialize)]
pub struct TakeawayView {
    /// Lead-in.
    pub title: String,
    /// Text as inline HTML from Markdown.
    pub text_html: String,
}

/// A headline figure card.
#[derive(Debug, Clone, Serialize)]
pub struct HeadlineView {
    /// The figure.
    pub value: String,
    /// What it measures.
    pub label: String,
    /// Source.
    pub source: String,
    /// Link to the chart's figure, if any.
    pub href: String,
}

/// A related report.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedView {
    /// Title.
    pub title: String,
    /// ISO date.
    pub date: String,
    /// URL, may be empty.
    pub url: String,
}

/// A rating definition.
#[derive(Debug, Clone, Serialize)]
pub struct RatingView {
    /// Rating.
    pub rating: String,
    /// Meaning.
    pub definition: String,
}

/// A disclosures section.
#[derive(Debug, Clone, Serialize)]
pub struct DisclosureView {
    /// Heading.
    pub title: String,
    /// Heading id.
    pub id: String,
    /// Body as HTML from Markdown.
    pub body_html: String,
}

/// A chapter in the report's contents.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterLink {
    /// Position (1-based).
    pub number: usize,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// URL.
    pub href: String,
    /// Whether it is the chapter being shown.
    pub current: bool,
}

/// A chapter page's body.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterView {
    /// Position (1-based).
    pub number: usize,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Body HTML with figures.
    pub body_html: String,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// Previous chapter.
    pub prev: Option<ChapterLink>,
    /// Next chapter.
    pub next: Option<ChapterLink>,
}

/// A standalone page (`content/pages/`) in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct StandaloneView {
    /// Slug, shared by the page's languages.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Body HTML.
    pub body_html: String,
    /// Table of contents (headings of level 2 and 3).
    pub toc: Vec<TocEntry>,
}

/// A report on the home page list.
#[derive(Debug, Clone, Serialize)]
pub struct ReportCard {
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: String,
    /// ISO date.
    pub date: String,
    /// Sector.
    pub sector: String,
    /// URL of the sector's page in the library.
    pub sector_href: String,
    /// Series, may be empty.
    pub series: String,
    /// URL of the series' page in the library, empty without a series.
    pub series_href: String,
    /// Rating, may be empty.
    pub rating: String,
    /// Authors' names.
    pub authors: Vec<String>,
    /// Summary.
    pub summary: String,
    /// Landing page URL.
    pub href: String,
    /// BCP 47 code of the report's texts when the report is not published in the page's
    /// language (its texts are then in this one); empty otherwise.
    pub lang_code: String,
    /// "Available in 中文" when the report is not published in the page's language; else empty.
    pub available_in: String,
}

/// One page of the library: the reports it lists, how to narrow them, and where the other pages are.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LibraryView {
    /// The heading: the site's title, or the sector or series shown.
    pub heading: String,
    /// What is listed: empty on the whole library, else the kind (`sector` or `series`).
    pub facet: String,
    /// Sectors with their page and number of reports.
    pub sectors: Vec<FacetLink>,
    /// Series with their page and number of reports.
    pub series: Vec<FacetLink>,
    /// This page's number, from 1.
    pub page: usize,
    /// Number of pages.
    pub pages: usize,
    /// The previous page, empty on the first.
    pub prev_href: String,
    /// The next page, empty on the last.
    pub next_href: String,
}

/// A sector or series the library can be narrowed to.
#[derive(Debug, Clone, Serialize)]
pub struct FacetLink {
    /// Its name in the page's language.
    pub name: String,
    /// Its page.
    pub href: String,
    /// Reports in it.
    pub count: usize,
    /// Whether this page shows it.
    pub current: bool,
}

/// The context of the figure partial.
#[derive(Debug, Clone, Serialize)]
pub struct FigureContext {
    /// Interface strings.
    pub t: BTreeMap<String, String>,
    /// Element id (`figure-<chart id>`).
    pub id: String,
    /// "图 2" / "Figure 2".
    pub label: String,
    /// The rendered chart.
    pub figure: Figure,
    /// URL of the CSV download.
    pub csv_href: String,
    /// URL of the SVG file.
    pub svg_href: String,
    /// URL of the PNG file, when the build makes PNGs.
    pub png_href: Option<String>,
    /// File name offered for the CSV download.
    pub csv_name: String,
    /// Whether the chart repeats the facts of the table just before it (`repeats="table"` on its
    /// embed), so that print leaves that table out and each fact is printed once.
    pub repeats_table: bool,
}
