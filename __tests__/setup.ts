import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { skipTokenCreationTraces } from "./token-traces";

Testing.setupJest();
skipTokenCreationTraces();
