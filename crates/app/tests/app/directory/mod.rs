//! The directory: the start page's work queues.

mod dates;
mod front;
