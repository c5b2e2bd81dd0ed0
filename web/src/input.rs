//! Reading what people type into number fields, with a message that says what is wanted.

/// A whole number from `min` to `max`, or a sentence naming the field and the range.
pub fn whole_number<T>(text: &str, what: &str, min: T, max: T) -> Result<T, String>
where
    T: core::str::FromStr + PartialOrd + core::fmt::Display + Copy,
{
    match text.trim().parse::<T>() {
        Ok(n) if min <= n && n <= max => Ok(n),
        _ => Err(format!("{what} must be a whole number from {min} to {max}")),
    }
}

#[cfg(test)]
mod tests {
    use super::whole_number;

    #[test]
    fn out_of_range_or_not_a_number_says_the_range() {
        assert_eq!(whole_number(" 7 ", "The rate", 0u32, 1000), Ok(7));
        let wanted = Err("The rate must be a whole number from 0 to 1000".to_string());
        assert_eq!(whole_number("5000", "The rate", 0u32, 1000), wanted);
        assert_eq!(whole_number("fast", "The rate", 0u32, 1000), wanted);
    }
}
