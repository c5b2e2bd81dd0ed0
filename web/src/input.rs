//! Reading what people type and choose: the value of the field an event came from, and whole
//! numbers with a message that says what is wanted. The one place forms read the DOM.

use wasm_bindgen::JsCast;

use crate::lang::Lang;

/// The text of the `<input>` an event came from (empty if it came from none).
pub fn text_of(e: &web_sys::Event) -> String {
    input_of(e).map(|i| i.value()).unwrap_or_default()
}

/// Whether the checkbox an event came from is checked.
pub fn checked(e: &web_sys::Event) -> bool {
    input_of(e).is_some_and(|i| i.checked())
}

/// The value of the `<select>` an event came from, as a number (option values are indices).
pub fn selected(e: &web_sys::Event) -> Option<usize> {
    let select = e.target()?.dyn_into::<web_sys::HtmlSelectElement>().ok()?;
    select.value().parse().ok()
}

/// The text in the first `<input>` of the form an event (its submit) came from.
pub fn form_text(e: &web_sys::Event) -> String {
    let form = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let input = form.and_then(|f| f.query_selector("input").ok().flatten());
    input.and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
}

fn input_of(e: &web_sys::Event) -> Option<web_sys::HtmlInputElement> {
    e.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}

/// A whole number from `min` to `max`, or a sentence in `lang` naming the field (`what`, in
/// English and in Chinese) and the range.
pub fn whole_number<T>(text: &str, lang: Lang, what: (&str, &str), min: T, max: T) -> Result<T, String>
where
    T: core::str::FromStr + PartialOrd + core::fmt::Display + Copy,
{
    match text.trim().parse::<T>() {
        Ok(n) if min <= n && n <= max => Ok(n),
        _ => Err(match lang.in_build() {
            Lang::En => format!("{} must be a whole number from {min} to {max}", what.0),
            Lang::Zh => format!("{}必须是 {min} 到 {max} 之间的整数", what.1),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::whole_number;
    use crate::lang::Lang;

    #[test]
    fn out_of_range_or_not_a_number_says_the_range() {
        let rate = ("The rate", "速率");
        assert_eq!(whole_number(" 7 ", Lang::En, rate, 0u32, 1000), Ok(7));
        let wanted = Err("The rate must be a whole number from 0 to 1000".to_string());
        assert_eq!(whole_number("5000", Lang::En, rate, 0u32, 1000), wanted);
        assert_eq!(whole_number("fast", Lang::En, rate, 0u32, 1000), wanted);
        assert_eq!(
            whole_number("fast", Lang::Zh, rate, 0u32, 1000),
            Err("速率必须是 0 到 1000 之间的整数".into())
        );
    }
}
