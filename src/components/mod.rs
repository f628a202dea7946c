//! Small pieces shared by several screens.

pub mod choice_button;
pub mod confirm_checkout;
pub mod delivery_badge;
pub mod error_panel;
pub mod field;
pub mod lang_switch;
pub mod loaded;
pub mod my_details;
pub mod organisation_picker;
pub mod privacy_notice;
pub mod qr_code;
pub mod record_list;
pub mod service_hours;
pub mod sync_banner;
pub mod update_prompt;
pub mod volunteer_input;
pub mod wide_table;
