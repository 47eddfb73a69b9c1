//! Page weight: plotters writes every hatch stroke and dash as its own `<polyline>` (about 100
//! bytes each, 85 % of a hatched chart). Neighbouring polylines with the same style are merged
//! into one `<path>` with a sub-path each, which draws the same pixels in the same paint order.

/// Merges runs of consecutive `<polyline …/>` elements with identical attributes into `<path>`s.
pub fn merge_polylines(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    // The run being merged: its attributes (all but `points`) and its path data.
    let mut run: Option<(&str, String)> = None;
    while let Some(start) = rest.find("<polyline ") {
        let Some(len) = rest[start..].find("/>") else {
            break;
        };
        let element = &rest[start..start + len + 2];
        let Some((attrs, points)) = split_points(element) else {
            break;
        };
        let between = &rest[..start];
        let joins = between.trim().is_empty() && run.as_ref().is_some_and(|(a, _)| *a == attrs);
        if !joins {
            flush(&mut out, run.take());
            out.push_str(between);
            run = Some((attrs, String::new()));
        }
        if let Some((_, d)) = run.as_mut() {
            d.push('M');
            d.push_str(points.trim());
        }
        rest = &rest[start + len + 2..];
    }
    flush(&mut out, run);
    out.push_str(rest);
    out
}

/// Splits `<polyline ATTRS points="P"/>` into (ATTRS, P).
fn split_points(element: &str) -> Option<(&str, &str)> {
    let inner = element.strip_prefix("<polyline ")?.strip_suffix("/>")?;
    let at = inner.find(" points=\"")?;
    let points = inner[at + 9..].strip_suffix('"')?;
    (!points.contains('"')).then_some((&inner[..at], points))
}

fn flush(out: &mut String, run: Option<(&str, String)>) {
    if let Some((attrs, d)) = run {
        out.push_str(&format!("<path {attrs} d=\"{d}\"/>"));
    }
}

#[cfg(test)]
mod tests {
    use super::merge_polylines;

    #[test]
    fn neighbours_of_one_style_become_one_path_and_order_is_kept() {
        let svg = "<svg>\n<polyline fill=\"none\" style=\"stroke:red\" points=\"1,2 3,4 \"/>\n<polyline fill=\"none\" style=\"stroke:red\" points=\"5,6 7,8 \"/>\n<rect x=\"1\"/>\n<polyline fill=\"none\" style=\"stroke:red\" points=\"9,9 1,1 \"/>\n<polyline fill=\"none\" style=\"stroke:blue\" points=\"2,2 3,3 \"/>\n</svg>";
        assert_eq!(
            merge_polylines(svg),
            "<svg>\n<path fill=\"none\" style=\"stroke:red\" d=\"M1,2 3,4M5,6 7,8\"/>\n<rect x=\"1\"/>\n<path fill=\"none\" style=\"stroke:red\" d=\"M9,9 1,1\"/>\n<path fill=\"none\" style=\"stroke:blue\" d=\"M2,2 3,3\"/>\n</svg>"
        );
    }

    #[test]
    fn rendered_charts_carry_no_polyline_left_unmerged() {
        for (kind, yaml) in crate::charts::tests::every_kind() {
            let f = crate::charts::tests::draw(&crate::charts::tests::chart(&yaml), "en").unwrap();
            for svg in [&f.svg, &f.svg_file] {
                assert!(!svg.contains("<polyline"), "{kind}");
            }
        }
    }

    #[test]
    fn text_without_polylines_is_unchanged() {
        let svg = "<svg><text>a &lt;polyline b</text></svg>";
        assert_eq!(merge_polylines(svg), svg);
    }
}
