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

#[cfg(all(feature = "lang-en", feature = "lang-zh"))]
compile_error!("a build is made for one language, lang-en or lang-zh, or (neither) for both");

impl Lang {
    /// The one language this build draws in: the site's pages are built once per language
    /// (the `lang-en` and `lang-zh` features), so a visitor downloads one language's words.
    /// `None` in the build with both (the tests, `trunk serve`), which switches without a reload.
    pub const BUILT: Option<Lang> = if cfg!(feature = "lang-en") {
        Some(Lang::En)
    } else if cfg!(feature = "lang-zh") {
        Some(Lang::Zh)
    } else {
        None
    };

    /// The language the page draws in when it speaks `self`: `self`, except in a build made for
    /// one language, which draws only that one. Every choice of words matches on it, so that such
    /// a build links none of the other language's (docs/decisions.md, "One language per download").
    #[inline]
    pub fn in_build(self) -> Lang {
        match Lang::BUILT {
            Some(built) => built,
            None => self,
        }
    }

    /// The English or the Chinese of a text.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self.in_build() {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// The English or the Chinese of a text, in `self` even in a build for the other language:
    /// for the few words that name a language in its own (the switch to it).
    pub fn own<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// As `?lang=` and `<html lang>` write it.
    pub fn code(self) -> &'static str {
        self.own("en", "zh")
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
        match self {
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
