//! The page's language: English or 简体中文. Kafka's own words (state names, API names, config
//! keys, `kafka-consumer-groups.sh` columns) stay as Kafka prints them in both.

use yew::prelude::*;

/// A language the page speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language the page draws in when it speaks `self`: `self`, except in a build made for
    /// one language, which draws only that one. Every choice of words matches on it, so that such
    /// a build links none of the other language's (docs/decisions.md, "One language per download").
    #[inline]
    pub fn in_build(self) -> Lang {
        self
    }

    /// The English or the Chinese of a text.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self.in_build() {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// As `?lang=` and `<html lang>` write it.
    pub fn code(self) -> &'static str {
        self.pick("en", "zh")
    }

    /// `en`, `zh`, and the browser's tags for them (`en-GB`, `zh-CN`, `zh-Hans`); other
    /// languages are `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The other one, for the switch in the header.
    pub fn other(self) -> Lang {
        match self.in_build() {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// The page's language, for components under the app's provider.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
