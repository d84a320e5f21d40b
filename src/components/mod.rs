//! Shared building blocks every resource page reuses: list state in the URL, the data table and
//! pager, loading/empty/error states, form fields with server errors, dialogs and toasts.

pub mod choice;
pub mod copy;
pub mod dialog;
pub mod feedback;
pub mod form;
pub mod form_dialog;
pub mod inspector;
pub mod list_field;
pub mod list_state;
pub mod review;
pub mod table;
pub mod theme;
pub mod toast;
pub mod util;
