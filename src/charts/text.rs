//! Text measurement and formatting for chart labels. plotters' SVG backend cannot measure text
//! (it estimates from UTF-8 byte length, ~1.7× too wide for Chinese), so labels are sized here:
//! a full-width character is about 1 em, others about 0.6 em.

use super::spec::Point;

/// Approximate rendered width of `text` at font size `size` (px).
pub fn width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            if crate::markdown::cjk::is_cjk(c) {
                1.0
            } else if c.is_ascii_uppercase()
                || c == 'm'
                || c == 'w'
                || c == '≈'
                || c == '≥'
                || c == '≤'
            {
                0.68
            } else if c == ' ' || c == '.' || c == ',' || c == 'i' || c == 'l' {
                0.32
            } else {
                0.58
            }
        })
        .sum::<f64>()
        * size
}

/// Breaks `text` into lines no wider than `max` px: at spaces for Latin text, between any two
/// characters for Chinese.
pub fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for token in tokens(text) {
        let candidate = format!("{line}{token}");
        if !line.is_empty() && width(candidate.trim_end(), size) > max {
            lines.push(line.trim_end().to_string());
            line = token.trim_start().to_string();
        } else {
            line = candidate;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Like [`wrap`], but a word wider than `max` is broken between characters, so no line is
/// wider than `max` (for names that must stay in their column; the table has them whole).
pub fn wrap_within(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for line in wrap(text, size, max) {
        let mut part = String::new();
        for c in line.chars() {
            if !part.is_empty() && width(&format!("{part}{c}"), size) > max {
                lines.push(std::mem::take(&mut part));
            }
            part.push(c);
        }
        lines.push(part);
    }
    lines
}

/// `text` shortened with an ellipsis to at most `max` px wide; unchanged when it fits.
pub fn shorten(text: &str, size: f64, max: f64) -> String {
    if width(text, size) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if width(&format!("{out}{c}…"), size) > max {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Splits into wrap units: each CJK character alone (with following punctuation), Latin words
/// with their trailing space.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let cjk = crate::markdown::cjk::is_cjk(c);
        let closing = matches!(
            c,
            '，' | '。' | '、' | '；' | '：' | '）' | '》' | '」' | '”' | ',' | '.' | ')'
        );
        if closing {
            word.push(c);
            continue;
        }
        if cjk || c == ' ' {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if c == ' ' {
                if let Some(last) = out.last_mut() {
                    last.push(' ');
                }
                continue;
            }
        }
        word.push(c);
        if cjk {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// A number with `decimals` places and thousands separators, without float noise.
pub fn number(v: f64, decimals: usize) -> String {
    let s = round_half_away(v.abs(), decimals);
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// `v` (not negative) with `decimals` places, rounded half away from zero as financial and
/// Chinese readers expect (2.5 → 3), not half to even as `{:.0}` does. The rounding works on the
/// shortest decimal form of `v`, which is the number as written in the YAML, so a value such as
/// 2.675 (stored as 2.67499…) rounds to 2.68 as written, never to a digit the source lacks.
fn round_half_away(v: f64, decimals: usize) -> String {
    // `Display` never uses an exponent, so this is plain digits with an optional fraction.
    let shortest = format!("{v}");
    let (int, frac) = shortest.split_once('.').unwrap_or((&shortest, ""));
    if frac.len() <= decimals {
        let pad = "0".repeat(decimals - frac.len());
        return match decimals {
            0 => int.to_string(),
            _ => format!("{int}.{frac}{pad}"),
        };
    }
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes().take(decimals)).collect();
    if frac.as_bytes()[decimals] >= b'5' {
        carry(&mut digits);
    }
    let int_len = digits.len() - decimals;
    let text = String::from_utf8(digits).unwrap_or_default();
    match decimals {
        0 => text,
        _ => format!("{}.{}", &text[..int_len], &text[int_len..]),
    }
}

/// Adds one to the last of the ASCII `digits`, carrying leftwards (9.9 → 10.0).
fn carry(digits: &mut Vec<u8>) {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return;
        }
    }
    digits.insert(0, b'1');
}

/// The label of a point: its own label, or qualifier + number + unit.
pub fn point_label(p: &Point, lang: &str, decimals: usize, unit: &str) -> String {
    if let Some(l) = &p.label {
        return l.text(lang).to_string();
    }
    let space = if unit.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        " "
    } else {
        ""
    };
    if p.qualifier == super::spec::Qualifier::Magnitude {
        return format!(
            "{}–{}{space}{unit}",
            number(p.value, decimals),
            number(p.value * 10.0, decimals)
        );
    }
    format!(
        "{}{}{space}{unit}",
        p.qualifier.symbol(),
        number(p.value, decimals)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_wider_than_latin() {
        assert_eq!(width("多模态", 10.0), 30.0);
        assert!(width("abc", 10.0) < 20.0);
    }

    #[test]
    fn wraps_chinese_anywhere_and_latin_at_spaces() {
        let zh = wrap("技术相对成熟商业模式清晰", 10.0, 40.0);
        assert!(zh.iter().all(|l| width(l, 10.0) <= 40.0), "{zh:?}");
        assert_eq!(zh.concat(), "技术相对成熟商业模式清晰");
        let en = wrap("office collaboration tools", 10.0, 70.0);
        assert_eq!(en, vec!["office", "collaboration", "tools"]);
    }

    #[test]
    fn wrapping_within_breaks_words_wider_than_the_line() {
        let lines = wrap_within("a Supercalifragilisticexpialidocious word", 12.0, 60.0);
        assert!(lines.iter().all(|l| width(l, 12.0) <= 60.0), "{lines:?}");
        assert_eq!(lines.concat(), "aSupercalifragilisticexpialidociousword");
    }

    #[test]
    fn shortening_keeps_short_text_and_ellipsizes_long() {
        assert_eq!(shorten("2024", 12.0, 100.0), "2024");
        let s = shorten("Q1 2021 (revised definition)", 12.0, 60.0);
        assert!(s.ends_with('…') && width(&s, 12.0) <= 60.0, "{s}");
    }

    #[test]
    fn numbers_are_grouped_and_stable() {
        assert_eq!(number(10000.0, 0), "10,000");
        assert_eq!(number(0.1 + 0.2, 1), "0.3");
        assert_eq!(number(-1234.5, 1), "-1,234.5");
        assert_eq!(number(-0.0, 0), "0");
    }

    #[test]
    fn halves_round_away_from_zero() {
        for (v, d, shown) in [
            (0.5, 0, "1"),
            (1.5, 0, "2"),
            (2.5, 0, "3"),
            (-2.5, 0, "-3"),
            (-0.5, 0, "-1"),
            (0.4, 0, "0"),
            (-0.4, 0, "0"),
            (2.675, 2, "2.68"),
            (1.005, 2, "1.01"),
            (0.125, 2, "0.13"),
            (9.95, 1, "10.0"),
            (999.5, 0, "1,000"),
            (2.5, 3, "2.500"),
            (12.0, 0, "12"),
            (1e-7, 2, "0.00"),
            (123456789.25, 1, "123,456,789.3"),
        ] {
            assert_eq!(number(v, d), shown, "{v} with {d} decimals");
        }
    }
}
