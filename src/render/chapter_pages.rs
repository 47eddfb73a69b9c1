//! Chapter pages: one per chapter of a report in one language, each with the report's
//! navigation around its body; the pages `reuse` keeps from the last build are not made again.

use super::chapters::Body;
use super::memo::Reuse;
use super::pages::{context_without_strings, nav_chapters, Page};
use super::paths::Paths;
use super::{OutputFile, RenderOptions};
use crate::content::{Report, Site};
use crate::error::Result;
use crate::templates::{Prepared, Templates};
use crate::views::*;

/// The chapter pages of a report, but those `reuse` keeps from the last build.
#[allow(clippy::too_many_arguments)]
pub(super) fn render(
    site: &Site,
    report: &Report,
    lang: &str,
    view: &ReportView,
    bodies: &[Body],
    templates: &Templates,
    opts: &RenderOptions,
    reuse: &Reuse,
    out: &mut dyn FnMut(Page),
) -> Result<()> {
    let paths = Paths::new(&site.config);
    let slug = &report.slug;
    let bare = ReportView {
        chapters: Vec::new(),
        ..view.clone()
    };
    // Chapter pages are most of a site: what they share is made into template values once.
    let strings = Prepared::new(&site.strings.for_lang(lang));
    let report_value = Prepared::new(&bare);
    for (i, (chapter, body)) in report.chapters.iter().zip(bodies).enumerate() {
        let path = format!("{}index.html", paths.sub(lang, slug, &chapter.slug));
        if let Some(kept) = reuse.page(&path, Some(i)) {
            out(Page::Kept(kept));
            continue;
        }
        let src = &chapter.sources[lang];
        let chapter_title = super::titles::plain(&src.front.title);
        let title = format!("{chapter_title} — {}", view.title);
        let desc = src
            .front
            .summary
            .clone()
            .unwrap_or_else(|| view.summary.clone());
        let mut ctx = context_without_strings(
            site,
            lang,
            "chapter",
            title,
            desc,
            &|l| paths.sub(l, slug, &chapter.slug),
            opts,
        );
        ctx.chapter = Some(ChapterView {
            number: i + 1,
            body_html: super::titles::fold(&body.html, &chapter_title),
            title: chapter_title,
            summary: src.front.summary.clone().unwrap_or_default(),
            toc: body.toc.clone(),
            reading_minutes: body.reading_minutes,
            prev: i.checked_sub(1).map(|p| view.chapters[p].clone()),
            next: view.chapters.get(i + 1).cloned(),
        });
        super::discovery::decorate(site, Some(report), &mut ctx);
        let (chapters, windowed) = nav_chapters(view, Some(i));
        let report_nav = report_value
            .with("chapters", &chapters)
            .with("chapters_windowed", &windowed);
        out(Page::Made(OutputFile {
            path,
            bytes: templates.render_with(
                "chapter.html",
                &ctx,
                &[("t", &strings), ("report", &report_nav)],
            )?,
        }));
    }
    Ok(())
}
