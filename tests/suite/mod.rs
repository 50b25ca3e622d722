mod children;
mod damage;
mod disclosure;

mod model;
mod pdf;
mod privacy;
mod report;
mod util;
mod vault;
