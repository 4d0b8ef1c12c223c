//! The search page of each language (`/{lang}/search/`): Pagefind UI when JavaScript runs,
//! links to the plan and indicator indexes when it does not.

use super::Ctx;
use crate::content::Language;
use crate::diagnostics::Diagnostic;

impl Ctx<'_> {
    pub(super) fn search_page(&self, lang: &Language) -> Result<String, Diagnostic> {
        let dir = format!("{}/search/", lang.code);
        let ctx = self.base(lang, &dir, |l| format!("{}/search/", l.code));
        self.templates.render("search.html", &ctx)
    }
}
