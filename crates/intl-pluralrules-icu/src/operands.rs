//! CLDR plural operands (`n i v w f t`), as `intl_pluralrules` 7 defines them: `fluent-bundle`
//! builds them from its numbers and adjusts `v` and `f` for `minimumFractionDigits`.

/// The operands of a number: `i` integer digits, `v` visible fraction digits (with trailing
/// zeros), `f` those digits as a number; `w` and `t` the same without trailing zeros.
#[derive(Debug, PartialEq, Clone, Copy)]
pub struct PluralOperands {
    /// Absolute value.
    pub n: f64,
    /// Integer digits.
    pub i: u64,
    /// Number of visible fraction digits, with trailing zeros.
    pub v: usize,
    /// Number of visible fraction digits, without trailing zeros.
    pub w: usize,
    /// Visible fraction digits, with trailing zeros.
    pub f: u64,
    /// Visible fraction digits, without trailing zeros.
    pub t: u64,
}

impl PluralOperands {
    /// The absolute value as decimal text with exactly `v` fraction digits ("48", "1.50").
    pub(crate) fn to_decimal_string(self) -> String {
        if self.v == 0 {
            self.i.to_string()
        } else {
            format!("{}.{:0width$}", self.i, self.f, width = self.v)
        }
    }
}

impl TryFrom<&str> for PluralOperands {
    type Error = &'static str;

    fn try_from(input: &str) -> Result<Self, Self::Error> {
        let abs = input.strip_prefix('-').unwrap_or(input);
        let (int_digits, fraction) = abs.split_once('.').unwrap_or((abs, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int_digits.is_empty() || !all_digits(int_digits) || !all_digits(fraction) {
            return Err("not a decimal number");
        }
        let i: u64 = int_digits.parse().map_err(|_| "integer part out of range")?;
        let trimmed = fraction.trim_end_matches('0');
        let parse = |s: &str| if s.is_empty() { Ok(0) } else { s.parse::<u64>() };
        let f = parse(fraction).map_err(|_| "fraction out of range")?;
        let t = parse(trimmed).map_err(|_| "fraction out of range")?;
        let n: f64 = abs.parse().map_err(|_| "not a decimal number")?;
        Ok(PluralOperands { n, i, v: fraction.len(), w: trimmed.len(), f, t })
    }
}

macro_rules! from_display {
    ($($ty:ty)*) => {$(
        impl TryFrom<$ty> for PluralOperands {
            type Error = &'static str;

            fn try_from(input: $ty) -> Result<Self, Self::Error> {
                // Display gives the shortest text that reads back as the same value ("1.5", "48").
                PluralOperands::try_from(input.to_string().as_str())
            }
        }
    )*};
}

from_display!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operands_of_integers_fractions_and_text() {
        let op = PluralOperands::try_from("-1234.5670").expect("valid");
        assert_eq!((op.i, op.v, op.w, op.f, op.t), (1234, 4, 3, 5670, 567));
        let op = PluralOperands::try_from(48_i64).expect("valid");
        assert_eq!((op.i, op.v, op.f), (48, 0, 0));
        assert_eq!(op.to_decimal_string(), "48");
        let op = PluralOperands::try_from(1.5_f64).expect("valid");
        assert_eq!(op.to_decimal_string(), "1.5");
        assert!(PluralOperands::try_from("1e3").is_err());
        assert!(PluralOperands::try_from(f64::NAN).is_err());
    }
}
