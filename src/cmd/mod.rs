//! One module per subcommand. Each takes a resolved project, never clap types.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;
pub mod watch;
