//! The visible numbers of numbered lists: 3, c, C, iii, III.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    Decimal,
    /// Decimal padded to two digits: 01, 02 … 10.
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
}

impl NumberFormat {
    /// The single-character codes HTML's `type=` and OpenDocument's `style:num-format` use.
    pub fn from_code(code: &str) -> Option<NumberFormat> {
        Some(match code {
            "1" => NumberFormat::Decimal,
            "a" => NumberFormat::LowerLetter,
            "A" => NumberFormat::UpperLetter,
            "i" => NumberFormat::LowerRoman,
            "I" => NumberFormat::UpperRoman,
            _ => return None,
        })
    }

    pub fn format(self, n: u32) -> String {
        match self {
            NumberFormat::Decimal => n.to_string(),
            NumberFormat::DecimalZero => format!("{n:02}"),
            NumberFormat::LowerLetter => letters(n),
            NumberFormat::UpperLetter => letters(n).to_uppercase(),
            NumberFormat::LowerRoman => roman(n),
            NumberFormat::UpperRoman => roman(n).to_uppercase(),
        }
    }
}

/// a … z, then aa … az, ba …: letters count without a zero. 0 has no letter and
/// shows as "0".
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".into();
    }
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Roman numerals up to 3999; larger numbers (and 0) show as decimal.
fn roman(n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const PARTS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in PARTS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::NumberFormat::*;

    #[test]
    fn each_format_shows_the_number_a_reader_sees() {
        assert_eq!(Decimal.format(12), "12");
        assert_eq!(DecimalZero.format(3), "03");
        assert_eq!(LowerLetter.format(1), "a");
        assert_eq!(LowerLetter.format(26), "z");
        assert_eq!(LowerLetter.format(27), "aa");
        assert_eq!(UpperLetter.format(3), "C");
        assert_eq!(LowerRoman.format(4), "iv");
        assert_eq!(UpperRoman.format(1994), "MCMXCIV");
        assert_eq!(LowerRoman.format(0), "0");
    }
}
