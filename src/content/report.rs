//! The report manifest (`report.yaml`): metadata shown on the landing, analysts, related and
//! disclosures pages.

use crate::localized::Localized;
use crate::yamlx::{PathSeg, Texts};
use serde::Deserialize;

/// A report's manifest as written by the author.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Report title.
    pub title: Localized,
    /// Subtitle or standfirst.
    #[serde(default)]
    pub subtitle: Option<Localized>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// The site languages the report is published in, when not all of them (`[zh]`): the other
    /// languages' libraries list it as available in these.
    #[serde(default)]
    pub languages: Option<Vec<String>>,
    /// Sector covered.
    pub sector: Localized,
    /// Series the report belongs to.
    #[serde(default)]
    pub series: Option<Localized>,
    /// One-paragraph summary.
    pub summary: Localized,
    /// The report's rating, if it gives one (such as a sector rating).
    #[serde(default)]
    pub rating: Option<Localized>,
    /// Authors.
    pub analysts: Vec<Analyst>,
    /// People to contact who are not authors, such as a sales or wealth-management desk.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Key takeaways, shown first on the landing page.
    #[serde(default)]
    pub key_takeaways: Vec<Takeaway>,
    /// Headline figure cards.
    #[serde(default)]
    pub headline_figures: Vec<HeadlineFigure>,
    /// Investment risks.
    #[serde(default)]
    pub risks: Vec<Localized>,
    /// Related research, newest first.
    #[serde(default)]
    pub related: Vec<RelatedReport>,
    /// Rating definitions.
    #[serde(default)]
    pub rating_definitions: Option<RatingDefinitions>,
    /// Sections of the disclosures page.
    #[serde(default)]
    pub disclosures: Vec<Disclosure>,
}

impl Manifest {
    /// Every text a reader sees, with its path in `report.yaml`.
    pub fn texts(&self) -> Vec<(Vec<PathSeg>, &Localized)> {
        let mut t = Texts::default();
        t.field("title", &self.title)
            .field("subtitle", &self.subtitle)
            .field("sector", &self.sector)
            .field("series", &self.series)
            .field("summary", &self.summary)
            .field("rating", &self.rating)
            .each("analysts", &self.analysts, |t, a| {
                t.field("name", &a.name)
                    .field("role", &a.role)
                    .field("team", &a.team);
            })
            .each("contacts", &self.contacts, |t, c| {
                t.field("name", &c.name).field("team", &c.team);
            })
            .each("key_takeaways", &self.key_takeaways, |t, k| {
                t.field("title", &k.title).field("text", &k.text);
            })
            .each("headline_figures", &self.headline_figures, |t, h| {
                t.field("value", &h.value)
                    .field("label", &h.label)
                    .field("source", &h.source);
            })
            .list("risks", &self.risks)
            .each("related", &self.related, |t, r| {
                t.field("title", &r.title);
            })
            .each("disclosures", &self.disclosures, |t, d| {
                t.field("title", &d.title).field("body", &d.body);
            });
        if let Some(defs) = &self.rating_definitions {
            t.within("rating_definitions", |t| {
                for (name, ratings) in [("stock", &defs.stock), ("sector", &defs.sector)] {
                    t.each(name, ratings, |t, r| {
                        t.field("rating", &r.rating)
                            .field("definition", &r.definition);
                    });
                }
            });
        }
        t.found
    }
}

/// An author of the report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Analyst {
    /// Full name.
    pub name: Localized,
    /// Job title.
    pub role: Localized,
    /// Professional credentials such as CFA.
    #[serde(default)]
    pub credentials: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Team, when analysts are grouped.
    #[serde(default)]
    pub team: Option<Localized>,
}

/// A contact named in the report who is not one of its authors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Full name.
    pub name: Localized,
    /// The team the person speaks for, which is what makes them a contact.
    pub team: Localized,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
}

/// One key takeaway; the text allows inline Markdown.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Takeaway {
    /// Short lead-in.
    pub title: Localized,
    /// The point itself.
    pub text: Localized,
}

/// A headline figure card.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadlineFigure {
    /// The figure exactly as stated, qualifier included.
    pub value: Localized,
    /// What the figure measures.
    pub label: Localized,
    /// Where it comes from.
    pub source: Localized,
    /// Chart id the card links to.
    #[serde(default)]
    pub chart: Option<String>,
}

/// A related report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedReport {
    /// Title.
    pub title: Localized,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Where to read it, if public.
    #[serde(default)]
    pub url: Option<crate::urls::LinkUrl>,
    /// The slug of a report on this site, which the entry then links to.
    #[serde(default)]
    pub report: Option<String>,
}

/// Stock and sector rating scales.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingDefinitions {
    /// Stock ratings.
    #[serde(default)]
    pub stock: Vec<Rating>,
    /// Sector ratings.
    #[serde(default)]
    pub sector: Vec<Rating>,
}

/// One rating and what it means.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// The rating's name.
    pub rating: Localized,
    /// What it means.
    pub definition: Localized,
}

/// A section of the disclosures page; the body is Markdown.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// Section heading.
    pub title: Localized,
    /// Section text (Markdown).
    pub body: Localized,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_need_a_team_and_take_no_role() {
        let base = "title: t\ndate: 2024-04-22\nsector: s\nsummary: s\nanalysts: []\n";
        let with = |contact: &str| {
            serde_yaml::from_str::<Manifest>(&format!("{base}contacts:\n  - {contact}\n"))
        };
        let m = with("{name: 王玥, team: 财富管理团队, email: e@x.org}").unwrap();
        assert_eq!(m.contacts.len(), 1);
        assert_eq!(m.contacts[0].email.as_deref(), Some("e@x.org"));
        assert!(with("{name: 王玥}").is_err(), "a contact without a team");
        assert!(
            with("{name: 王玥, team: t, role: 分析师}").is_err(),
            "a contact with a role"
        );
        assert!(serde_yaml::from_str::<Manifest>(base)
            .unwrap()
            .contacts
            .is_empty());
    }
}
