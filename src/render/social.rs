//! Structured data for machines: schema.org JSON-LD (`Report` for a report's own pages,
//! `Article` for chapters) and Google Scholar's `citation_*` tags, built from the manifest.

use super::discovery::MetaTag;
use super::paths::Paths;
use crate::content::{Report, Site};
use crate::views::PageContext;
use serde_json::{json, Value};

/// OpenGraph locale from a BCP 47 code: `zh-CN` → `zh_CN`.
pub fn og_locale(code: &str) -> String {
    code.replace('-', "_")
}

/// The report's authors as schema.org `Person`s (or an `Organization` for a team, named so in
/// any language), named in `lang` with the other scripts as `alternateName`, each part of the
/// publisher.
fn authors(site: &Site, report: &Report, lang: &str) -> Vec<Value> {
    let publisher = site.config.site.publisher.name.text(lang);
    report
        .manifest
        .analysts
        .iter()
        .filter_map(|a| {
            // Names as the citations read them: tidied, in reading order, blank ones left out.
            let name = super::cite::reading_name(a.name.text(lang))?;
            let mut others: Vec<String> = Vec::new();
            for l in &site.config.language_keys {
                match super::cite::reading_name(a.name.text(l)) {
                    Some(n) if n != name && !others.contains(&n) => others.push(n),
                    _ => {}
                }
            }
            let team = site
                .config
                .language_keys
                .iter()
                .any(|l| super::cite::is_organisation(a.name.text(l)));
            let publisher = json!({"@type": "Organization", "name": publisher});
            let mut p = if team {
                json!({"@type": "Organization", "name": name, "parentOrganization": publisher})
            } else {
                json!({
                    "@type": "Person",
                    "name": name,
                    "jobTitle": a.role.text(lang),
                    "affiliation": publisher,
                })
            };
            if !others.is_empty() {
                p["alternateName"] = json!(others);
            }
            Some(p)
        })
        .collect()
}

/// JSON-LD for a page of `report`: an `Article` on chapter pages, the `Report` elsewhere.
pub fn json_ld(site: &Site, report: &Report, ctx: &PageContext) -> String {
    let paths = Paths::new(&site.config);
    let lang = ctx.lang.key.as_str();
    let cfg = &site.config.site;
    let m = &report.manifest;
    let mut publisher = json!({"@type": "Organization", "name": cfg.publisher.name.text(lang)});
    if let Some(w) = &cfg.publisher.website {
        publisher["url"] = json!(w.as_str());
    }
    let report_url = paths.absolute(&paths.report(lang, &report.slug));
    let common = json!({
        "@context": "https://schema.org",
        "datePublished": m.date,
        "inLanguage": ctx.lang.code,
        "author": authors(site, report, lang),
        "publisher": publisher,
        "about": {"@type": "Thing", "name": m.sector.text(lang)},
        "image": super::discovery::image(site, Some(report), ctx).url,
    });
    let own = match &ctx.chapter {
        Some(ch) => json!({
            "@type": "Article",
            "headline": ch.title,
            "description": ch.summary,
            "url": ctx.page.canonical,
            "mainEntityOfPage": ctx.page.canonical,
            "isPartOf": {"@type": "Report", "headline": m.title.text(lang), "url": report_url},
        }),
        None => json!({
            "@type": "Report",
            "headline": m.title.text(lang),
            "name": m.title.text(lang),
            "description": m.summary.text(lang),
            "url": report_url,
            "mainEntityOfPage": report_url,
            "isPartOf": {"@type": "WebSite", "name": ctx.site.title, "url": paths.absolute(&paths.home(lang))},
        }),
    };
    let mut obj = common;
    if let (Some(dst), Value::Object(src)) = (obj.as_object_mut(), own) {
        dst.extend(src);
    }
    script_safe(&obj.to_string())
}

/// Escapes `<`, `>` and `&` as JSON `\u` escapes, so no text can close the `<script>` element
/// or open a comment in it, while the JSON still parses to the same value.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Google Scholar's tags for a report's landing page in `lang`.
pub fn scholar_tags(site: &Site, report: &Report, lang: &str, ctx: &PageContext) -> Vec<MetaTag> {
    let m = &report.manifest;
    let publisher = site.config.site.publisher.name.text(lang).to_string();
    let tag = |name: &str, content: String| MetaTag {
        name: name.into(),
        content,
    };
    let mut tags = vec![tag("citation_title", m.title.text(lang).into())];
    tags.extend(
        m.analysts
            .iter()
            .filter_map(|a| super::cite::reading_name(a.name.text(lang)))
            .map(|name| tag("citation_author", name)),
    );
    tags.extend([
        tag("citation_publication_date", m.date.replace('-', "/")),
        tag("citation_publisher", publisher.clone()),
        tag("citation_technical_report_institution", publisher),
        tag("citation_language", ctx.lang.code.clone()),
        tag("citation_abstract_html_url", ctx.page.canonical.clone()),
    ]);
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script_and_still_parses() {
        let v = json!({"t": "</script><!-- & \u{2028}"});
        let safe = script_safe(&v.to_string());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn og_locale_uses_an_underscore() {
        assert_eq!(og_locale("zh-CN"), "zh_CN");
        assert_eq!(og_locale("en"), "en");
    }
}
