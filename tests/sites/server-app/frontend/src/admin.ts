import "./admin.css";
import { mark, status } from "./shared";

mark("admin");
status("admin loaded");
