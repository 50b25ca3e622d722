mod children;
mod damage;
mod disclosure;
mod model;
mod privacy;
mod report;
mod util;
mod vault;
