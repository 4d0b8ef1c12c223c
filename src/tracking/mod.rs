//! Following plans: how far each target has come, from the plan's own figures and from
//! monitoring data reported after it.

pub mod progress;
pub mod status;

pub use progress::{Progress, Seen, Source, TargetProgress, as_of};
pub use status::Status;
