rootProject.name = "wordcount"
include("app")
