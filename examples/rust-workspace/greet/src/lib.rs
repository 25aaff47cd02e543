/// The greeting the app prints, from a library member of the workspace.
pub fn greeting(who: &str) -> String {
    format!("hello from the {who}: app uses the greet library")
}
