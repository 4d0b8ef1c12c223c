//! Translatable text as pages show it: in the page's language, or, where the sheet has no
//! translation, in the source language, marked with its `lang` and with a notice on the page.

use super::Ctx;
use crate::content::{Language, Localized};
use serde::Serialize;

/// A text in a page: `locale` is set when it stands in for a missing translation, so the
/// template marks it (`<span lang>`) and the page shows its notice.
#[derive(Serialize, Clone, Debug, Default)]
pub(super) struct Shown {
    pub text: String,
    pub locale: Option<String>,
}

impl Shown {
    pub(super) fn fallback(&self) -> bool {
        self.locale.is_some()
    }
}

/// The same text in another language of the site (a name's translations beside it).
#[derive(Serialize, Clone, Debug)]
pub(super) struct Other {
    pub locale: String,
    pub text: String,
}

impl Ctx<'_> {
    /// `text` in `lang`, else in the source language (the one fallback rule of [`Localized`]).
    pub(super) fn shown(&self, lang: &Language, text: &Localized<String>) -> Shown {
        let source = self.site.default_language();
        match text.pick(&lang.code, &source.code) {
            Some(p) if p.lang != lang.code && !p.value.is_empty() => Shown {
                text: p.value.clone(),
                locale: Some(source.locale.clone()),
            },
            Some(p) => Shown {
                text: p.value.clone(),
                locale: None,
            },
            None => Shown::default(),
        }
    }

    /// [`Self::shown`]'s text alone, borrowed (charts and links, where nothing is marked).
    pub(super) fn text<'a>(&'a self, lang: &'a Language, text: &'a Localized<String>) -> &'a str {
        text.text(&lang.code, &self.site.default_language().code)
    }

    /// `text` in every other language of the site that has it, in site order.
    pub(super) fn others(&self, lang: &Language, text: &Localized<String>) -> Vec<Other> {
        (self.site.config.languages.iter())
            .filter(|l| l.code != lang.code)
            .filter_map(|l| {
                text.get(&l.code).map(|t| Other {
                    locale: l.locale.clone(),
                    text: t.clone(),
                })
            })
            .collect()
    }
}
