//! The search page of each language (`/{lang}/search/`): Pagefind UI when JavaScript runs,
//! links to the plan and indicator indexes when it does not.

use super::Ctx;
use crate::content::Language;
use crate::diagnostics::Diagnostic;
use crate::routes::Page;

impl Ctx<'_> {
    pub(super) fn search_page(&self, lang: &Language) -> Result<String, Diagnostic> {
        let ctx = self.base(lang, Page::Search);
        self.templates.render("search.html", &ctx)
    }
}
