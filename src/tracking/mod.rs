//! Following plans: how far each target has come, from the plan's own figures and from
//! monitoring data reported after it.

pub mod status;
