//! Small pieces shared by several screens.

pub mod delivery_badge;
pub mod error_panel;
pub mod lang_switch;
pub mod record_list;
pub mod sync_banner;
pub mod update_prompt;
