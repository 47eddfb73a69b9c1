//! `yanbao new chart REPORT/ID --kind K`: every kind scaffolds a chart that builds and shows in
//! every language; existing ids, unknown kinds and missing reports are refused.

mod common;
use common::TestSite;
use std::process::Command;

const KINDS: [&str; 11] = [
    "bar",
    "hbar",
    "stacked",
    "stacked100",
    "bounds",
    "timeline",
    "line",
    "pie",
    "donut",
    "groups",
    "shifts",
];

fn run(site: &TestSite, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yanbao"))
        .args(["new", "chart"])
        .args(args)
        .arg("--root")
        .arg(site.root())
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn every_kind_scaffolds_a_chart_that_builds_in_every_language() {
    let site = TestSite::mini();
    let mut embeds = String::new();
    for kind in KINDS {
        let id = format!("new-{kind}");
        let (ok, out) = run(&site, &[&format!("alpha/{id}"), "--kind", kind]);
        assert!(ok, "{kind}: {out}");
        let file = format!("content/reports/alpha/charts/{id}.yaml");
        assert!(out.contains(&file), "{out}");
        let yaml = site.read(&file);
        assert!(yaml.contains(&format!("kind: {kind}\n")), "{yaml}");
        assert!(yaml.contains("zh: ") && yaml.contains("en: "), "{yaml}");
        embeds.push_str(&format!("\n{{{{ chart(id=\"{id}\") }}}}\n"));
    }
    for lang in ["zh", "en"] {
        let chapter = format!("content/reports/alpha/chapters/two.{lang}.md");
        site.write(&chapter, &(site.read(&chapter) + &embeds));
    }
    site.build_ok(&[]);
    for page in ["alpha/two/index.html", "en/alpha/two/index.html"] {
        let html = site.out(page);
        for kind in KINDS {
            let figure = format!("class=\"chart chart-{kind}\" id=\"figure-new-{kind}\"");
            assert!(html.contains(&figure), "{kind} figure on {page}");
        }
    }
}

#[test]
fn refuses_an_existing_id_an_unknown_kind_and_a_missing_report() {
    let site = TestSite::mini();
    let before = site.read("content/reports/alpha/charts/sizes.yaml");
    let (ok, out) = run(&site, &["alpha/sizes", "--kind", "pie"]);
    assert!(!ok && out.contains("already exists"), "{out}");
    assert_eq!(site.read("content/reports/alpha/charts/sizes.yaml"), before);
    site.write("content/reports/alpha/charts/other.yml", "kind: bar\n");
    let (ok, out) = run(&site, &["alpha/other", "--kind", "bar"]);
    assert!(
        !ok && out.contains("other.yml") && out.contains("already exists"),
        "{out}"
    );
    let (ok, out) = run(&site, &["alpha/x", "--kind", "scatter"]);
    assert!(
        !ok && out.contains("`scatter` is not a chart kind"),
        "{out}"
    );
    assert!(out.contains(&KINDS.join(", ")), "lists the kinds: {out}");
    let (ok, out) = run(&site, &["nope/x", "--kind", "bar"]);
    assert!(!ok && out.contains("there is no report `nope`"), "{out}");
    let (ok, out) = run(&site, &["alpha/Bad_Id", "--kind", "bar"]);
    assert!(!ok && out.contains("cannot be the id of a chart"), "{out}");
    let (ok, out) = run(&site, &["alpha", "--kind", "bar"]);
    assert!(!ok && out.contains("is not REPORT/ID"), "{out}");
    assert!(!site
        .root()
        .join("content/reports/alpha/charts/x.yaml")
        .exists());
}
