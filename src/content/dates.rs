//! Calendar dates written in content (a report's `date:` and each `related[].date`).
//!
//! Templates format these with the `date` filter, which parses them with a real calendar and
//! fails on a day that does not exist. Checking them here, when the YAML loads, turns that
//! template failure into an error at the value's line that says what is wrong.

use crate::error::{Diagnostic, Location};
use crate::yamlx::PathSeg;
use std::path::Path;

/// Why a text is not a date the templates can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Not written `YYYY-MM-DD` with digits.
    Form,
    /// A month outside 01–12.
    Month(u32),
    /// A day of 00 or past the end of its month.
    Day {
        /// The year as written.
        year: u32,
        /// The month, 1–12.
        month: u32,
        /// How many days that month has in that year.
        days: u32,
    },
    /// After [`LAST_DAY`].
    TooLate,
}

/// The last day the filter can show: it turns a date into a UTC timestamp, and its timestamps
/// end on 9999-12-30 at 22:00, so 9999-12-31 overflows.
pub const LAST_DAY: (u32, u32, u32) = (9999, 12, 30);

/// Reads `YYYY-MM-DD` as a day of the Gregorian calendar from 0000-01-01 to [`LAST_DAY`] (what
/// the templates' `date` filter can show), or says why it is not one.
pub fn check(s: &str) -> Result<(u32, u32, u32), DateProblem> {
    let (year, month, day) = parts(s).ok_or(DateProblem::Form)?;
    if !(1..=12).contains(&month) {
        return Err(DateProblem::Month(month));
    }
    let days = days_in_month(year, month);
    if !(1..=days).contains(&day) {
        return Err(DateProblem::Day { year, month, days });
    }
    if (year, month, day) > LAST_DAY {
        return Err(DateProblem::TooLate);
    }
    Ok((year, month, day))
}

/// Splits `YYYY-MM-DD` into numbers; `None` for any other form (a sign, spaces, a time, `2024-4-22`).
fn parts(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    let digits_at = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if !(digits_at(0..4) && digits_at(5..7) && digits_at(8..10)) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    Some((num(0..4)?, num(5..7)?, num(8..10)?))
}

/// Whether `year` has a 29 February in the Gregorian calendar: every fourth year, except
/// centuries not divisible by 400 (1900 and 2100 are not leap years, 2000 is).
pub fn is_leap_year(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days of `month` (1–12) in `year`.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The months' names in English.
pub const MONTHS: [&str; 12] = [
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

impl DateProblem {
    /// What is wrong with `value`, named `what` (`date`, `related report date`).
    pub fn message(&self, what: &str, value: &str) -> String {
        match self {
            DateProblem::Form => format!("{what} `{value}` is not a date in YYYY-MM-DD form"),
            DateProblem::Month(m) => {
                format!("{what} `{value}` is not a date: there is no month {m:02}")
            }
            DateProblem::Day { year, month, days } => {
                let name = MONTHS[*month as usize - 1];
                // February is the month authors get wrong, and the year is why.
                let why = match (*month, is_leap_year(*year)) {
                    (2, true) => format!(" ({year} is a leap year)"),
                    (2, false) => format!(" ({year} is not a leap year)"),
                    _ => String::new(),
                };
                format!("{what} `{value}` is not a date: {name} {year:04} has {days} days{why}")
            }
            DateProblem::TooLate => {
                format!("{what} `{value}` is after 9999-12-30, the last day pages can show")
            }
        }
    }

    /// How to fix it.
    pub fn help(&self) -> String {
        match self {
            DateProblem::Form => "write the date as 2024-04-22".into(),
            DateProblem::Month(_) => {
                "write the month as 01 to 12, in YYYY-MM-DD order (2024-04-22)".into()
            }
            DateProblem::Day { days, .. } => {
                format!("write a day from 01 to {days}, or check the month and year")
            }
            DateProblem::TooLate => "check the year".into(),
        }
    }
}

/// The error for a date at `path` in the YAML text `source` of `file`, if it is not a real day.
pub fn diagnostic(
    value: &str,
    what: &str,
    source: &str,
    path: &[PathSeg],
    file: &Path,
) -> Option<Diagnostic> {
    let problem = check(value).err()?;
    let at = crate::yamlx::value_location(source, path, value, file)
        .unwrap_or_else(|| Location::file(file));
    Some(Diagnostic::error(at, problem.message(what, value)).with_help(problem.help()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_days_are_read() {
        assert_eq!(check("2024-04-22"), Ok((2024, 4, 22)));
        assert_eq!(check("2024-02-29"), Ok((2024, 2, 29)));
        assert_eq!(check("2000-02-29"), Ok((2000, 2, 29)));
        assert_eq!(check("0000-01-01"), Ok((0, 1, 1)));
        assert_eq!(check("1999-12-31"), Ok((1999, 12, 31)));
    }

    #[test]
    fn other_forms_are_refused() {
        for s in [
            "2024-4-22",
            "22 April 2024",
            "2024/04/22",
            "+2024-04-22",
            "2024-04-22T00:00",
            " 2024-04-22",
            "2024-+4-22",
            "2024-04-2２",
            "",
        ] {
            assert_eq!(check(s), Err(DateProblem::Form), "{s}");
        }
    }

    #[test]
    fn impossible_days_name_the_month_length() {
        let cases = [
            ("2024-02-30", 2024, 2, 29),
            ("2023-02-29", 2023, 2, 28),
            ("2024-04-31", 2024, 4, 30),
            ("1900-02-29", 1900, 2, 28),
            ("2024-01-32", 2024, 1, 31),
            ("2024-06-00", 2024, 6, 30),
        ];
        for (s, year, month, days) in cases {
            assert_eq!(check(s), Err(DateProblem::Day { year, month, days }), "{s}");
        }
        assert_eq!(check("2024-13-01"), Err(DateProblem::Month(13)));
        assert_eq!(check("2024-00-10"), Err(DateProblem::Month(0)));
        assert_eq!(check("9999-12-30"), Ok((9999, 12, 30)));
        assert_eq!(check("9999-12-31"), Err(DateProblem::TooLate));
    }

    #[test]
    fn messages_say_how_long_the_month_is() {
        let p = check("2024-02-30").unwrap_err();
        assert_eq!(
            p.message("date", "2024-02-30"),
            "date `2024-02-30` is not a date: February 2024 has 29 days (2024 is a leap year)"
        );
        assert!(p.help().contains("01 to 29"), "{}", p.help());
        let p = check("2023-02-29").unwrap_err();
        assert!(p.message("date", "x").contains("2023 is not a leap year"));
        let p = check("2024-04-31").unwrap_err();
        assert!(p.message("date", "x").ends_with("April 2024 has 30 days"));
    }

    /// The leap-year rule against the years known to be leap years (and the centuries that are
    /// not), then every year against the days between consecutive 1 Marches.
    #[test]
    fn leap_years_follow_the_gregorian_calendar() {
        for y in [1600, 1996, 2000, 2004, 2020, 2024, 2400] {
            assert!(is_leap_year(y), "{y}");
        }
        for y in [1700, 1800, 1900, 2021, 2023, 2100, 2200, 2300] {
            assert!(!is_leap_year(y), "{y}");
        }
        // Over any 400 years the calendar has 146,097 days (97 leap years).
        let days = |from: u32| (from..from + 400).map(year_days).sum::<u32>();
        assert_eq!(days(0), 146_097);
        assert_eq!(days(1600), 146_097);
        assert_eq!((0..400).filter(|y| is_leap_year(*y)).count(), 97);
    }

    fn year_days(year: u32) -> u32 {
        (1..=12).map(|m| days_in_month(year, m)).sum()
    }

    /// Every day of the calendar's first and last years and of the years around the present,
    /// and every impossible day of them, against the templates' own `date` filter: it takes
    /// exactly the days `check` lets through, and reads them as the same day.
    #[test]
    fn the_date_filter_takes_exactly_the_days_that_pass() {
        let filter = crate::templates::DateFilter::default();
        let years = (0..=4).chain(1896..=2104).chain(9995..=9999);
        for year in years {
            for month in 0..=13 {
                for day in 0..=32 {
                    let s = format!("{year:04}-{month:02}-{day:02}");
                    let shown = filter.format(&s, "yyyy-MM-dd", "en");
                    assert_eq!(check(&s).is_ok(), shown.is_ok(), "{s}: {shown:?}");
                    if year >= 1000 && shown.is_ok() {
                        assert_eq!(shown.as_deref(), Ok(s.as_str()));
                    }
                }
            }
        }
    }

    #[test]
    fn month_lengths_follow_the_knuckle_rule() {
        let long = [1, 3, 5, 7, 8, 10, 12];
        for m in 1..=12 {
            let want = match m {
                2 => 28,
                m if long.contains(&m) => 31,
                _ => 30,
            };
            assert_eq!(days_in_month(2023, m), want, "month {m}");
        }
    }
}
